package dev.lockfree.events.dispatch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.springframework.core.ResolvableType;

import dev.lockfree.events.registry.RegistrySnapshot;
import dev.lockfree.events.stats.StripedCounter;

/**
 * The resolved listeners of one (event type, source type) for one registry snapshot: the sorted synchronous
 * listeners, and the asynchronous ones grouped by lane. Immutable but for its counters, the snapshot it is
 * valid for and two one-way flags (retired, install claimed).
 *
 * <p>A route is valid while {@link #validFor()} is the registry's current snapshot (identity). A registration
 * change that provably leaves the route's listeners as they are moves it forward to the new snapshot
 * ({@link #moveForward}, a CAS from the snapshot it was valid for, so it never moves back nor skips a change);
 * a change that adds or removes one of its listeners replaces it with a route derived from it
 * ({@link RouteDeriver}). Routes with listener beans that must be fetched per event (prototypes, scoped beans)
 * carry a {@link PerEventListeners} and are dispatched on the slow path.
 *
 * <p>Memory ordering: {@code validFor} is written only by CAS and read with volatile semantics; the final
 * fields are safely published by the cache's CAS that installs the route, and by their final-field semantics
 * to a thread that meets the route through the cache's plain front array (which serves a route only after
 * reading {@code validFor} equal to the current snapshot, so never one whose {@code validFor} it cannot see). A
 * route prepared for a registration change ({@link PreparedRoutes}) reaches publishers through the snapshot it
 * was prepared for, which the registry's CAS publishes with everything written before it.
 */
final class Route {

	private static final RouteListener[] NONE = new RouteListener[0];

	/** The class routes are cached by: the event class, or the payload class of a payload event. */
	final Class<?> routedClass;

	/** The event type looked up, or {@code null} for the natural type of a plain event. */
	final ResolvableType eventType;

	final Class<?> sourceType;

	/** The snapshot this route is valid for: see {@link #validFor()}. */
	private volatile RegistrySnapshot validFor;

	/** The type the listeners were matched against (the looked-up type, or the event's own). */
	final ResolvableType resolvedType;

	/**
	 * Whether the route may be derived from, or moved forward, on a registration change: cached, no listener
	 * fetched per event, and no listener bean ruled out by its bean definition during resolution (such a bean
	 * can hide an equal instance, which only a full resolution sees).
	 */
	final boolean derivable;

	/** Every listener, synchronous and asynchronous, in invocation order. */
	final RouteListener[] ordered;

	/** Display name of the routed type, for statistics. */
	final String typeName;

	/** Whether this route is in the cache (or was): counts are then derived from {@link #publishes}. */
	final boolean cached;

	final RouteListener[] sync;

	/** Per lane index: the async listeners of that lane in order, or {@code null}. */
	final LaneGroup[] laneGroups;

	/** The lane indexes that have listeners, ascending. */
	final int[] usedLanes;

	/** Every async listener in order. */
	final RouteListener[] async;

	/** Every async listener in order as one group, for events with an ordering key; {@code null} otherwise. */
	final LaneGroup keyedGroup;

	/** Whether the routed type carries an ordering key ({@code KeyedEvent}). */
	final boolean keyed;

	/** Listener beans fetched per event, or {@code null}. */
	final PerEventListeners perEvent;

	/** Events dispatched through this route; also decides which dispatches are sampled for timing. */
	final StripedCounter publishes = new StripedCounter();

	/**
	 * Added to a stripe's count of {@link #publishes} before it is matched against the timing sample mask: 0 for
	 * a resolved route (its first dispatch is timed), a random value for a derived one, so that a route replaced
	 * after every few dispatches by registration churn keeps the sampling rate on average instead of timing the
	 * first dispatch of each replacement (see {@link RouteDeriver}).
	 */
	final long samplePhase;

	/** 1 once the route left the cache and its counters were sealed (see {@link RouteLedger}). */
	private volatile int retired;

	/** 1 once a thread took on caching this route in place of the one it succeeds ({@link #claimInstall()}). */
	private volatile int installClaimed;

	private static final VarHandle VALID_FOR;

	private static final VarHandle RETIRED;

	private static final VarHandle INSTALL_CLAIMED;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			VALID_FOR = lookup.findVarHandle(Route.class, "validFor", RegistrySnapshot.class);
			RETIRED = lookup.findVarHandle(Route.class, "retired", int.class);
			INSTALL_CLAIMED = lookup.findVarHandle(Route.class, "installClaimed", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	Route(Class<?> routedClass, ResolvableType eventType, ResolvableType resolvedType, Class<?> sourceType,
			RegistrySnapshot snapshot, String typeName, boolean cached, boolean derivable, RouteListener[] ordered,
			int laneCount, boolean keyed, PerEventListeners perEvent, long samplePhase) {
		this.routedClass = routedClass;
		this.samplePhase = samplePhase;
		this.eventType = eventType;
		this.resolvedType = resolvedType;
		this.sourceType = sourceType;
		this.validFor = snapshot;
		this.derivable = derivable && cached && perEvent == null;
		this.ordered = ordered;
		this.typeName = typeName;
		this.cached = cached;
		this.keyed = keyed;
		this.perEvent = perEvent;
		int asyncCount = 0;
		for (RouteListener listener : ordered) {
			if (listener.async) {
				asyncCount++;
			}
		}
		this.sync = new RouteListener[ordered.length - asyncCount];
		this.async = (asyncCount == 0) ? NONE : new RouteListener[asyncCount];
		int syncIndex = 0;
		int asyncIndex = 0;
		int[] perLane = new int[Math.max(laneCount, 1)];
		for (RouteListener listener : ordered) {
			if (listener.async) {
				this.async[asyncIndex++] = listener;
				perLane[listener.lane]++;
			}
			else {
				this.sync[syncIndex++] = listener;
			}
		}
		RouteListener[][] grouped = new RouteListener[perLane.length][];
		int used = 0;
		for (int lane = 0; lane < perLane.length; lane++) {
			if (perLane[lane] > 0) {
				grouped[lane] = new RouteListener[perLane[lane]];
				used++;
			}
		}
		int[] filled = new int[perLane.length];
		for (RouteListener listener : this.async) {
			grouped[listener.lane][filled[listener.lane]++] = listener;
		}
		this.laneGroups = new LaneGroup[perLane.length];
		this.usedLanes = new int[(keyed) ? 0 : used];
		int usedIndex = 0;
		for (int lane = 0; lane < perLane.length; lane++) {
			if (grouped[lane] != null) {
				this.laneGroups[lane] = new LaneGroup(grouped[lane], !cached);
				if (!keyed) {
					this.usedLanes[usedIndex++] = lane;
				}
			}
		}
		this.keyedGroup = (keyed && asyncCount > 0) ? new LaneGroup(this.async, !cached) : null;
	}

	/** The registry snapshot this route is valid for (volatile read). */
	RegistrySnapshot validFor() {
		return this.validFor;
	}

	/**
	 * Make the route valid for {@code next} instead of {@code from}: one CAS, true if it moved. The caller has
	 * checked that {@code next} resolves to exactly this route's listeners.
	 */
	boolean moveForward(RegistrySnapshot from, RegistrySnapshot next) {
		return VALID_FOR.compareAndSet(this, from, next);
	}

	/** Whether the route left the cache (volatile read). */
	boolean isRetired() {
		return this.retired != 0;
	}

	/** Mark the route retired: true for the one caller that does it first. */
	boolean markRetired() {
		return RETIRED.compareAndSet(this, 0, 1);
	}

	/**
	 * Claim the caching of this (prepared) route: true for exactly one caller, which then puts it in the cache in
	 * place of its predecessor or, failing that, retires it. Everyone else leaves the cache alone.
	 */
	boolean claimInstall() {
		return INSTALL_CLAIMED.compareAndSet(this, 0, 1);
	}

	/** The lane groups of this route (per lane, or the keyed group), for counting. */
	java.util.List<LaneGroup> groups() {
		java.util.List<LaneGroup> groups = new java.util.ArrayList<>();
		for (LaneGroup group : this.laneGroups) {
			if (group != null) {
				groups.add(group);
			}
		}
		if (this.keyedGroup != null) {
			groups.add(this.keyedGroup);
		}
		return groups;
	}

	boolean hasAsync() {
		return this.async.length > 0 || (this.perEvent != null && this.perEvent.mayBeAsync);
	}

	boolean matches(ResolvableType eventType, Class<?> sourceType) {
		if (this.sourceType != sourceType) {
			return false;
		}
		if (eventType == null || this.eventType == null) {
			return eventType == this.eventType;
		}
		return this.eventType == eventType || this.eventType.equals(eventType);
	}

}
