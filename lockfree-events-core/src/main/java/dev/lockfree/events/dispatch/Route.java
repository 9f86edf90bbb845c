package dev.lockfree.events.dispatch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.springframework.core.ResolvableType;

import dev.lockfree.events.registry.RegistrySnapshot;
import dev.lockfree.events.stats.StripedCounter;

/**
 * The resolved listeners of one (event type, source type) for one registry snapshot: the sorted synchronous
 * listeners, and the asynchronous ones grouped by lane. Immutable but for its counters, the snapshot it is
 * valid for, its {@link #state} (live, superseded, retired: one way) and a one-way install claim.
 *
 * <p>A route is valid while {@link #validFor()} is the registry's current snapshot (identity). A registration
 * change that provably leaves the route's listeners as they are moves it forward to the new snapshot
 * ({@link #moveForward}, a CAS from the snapshot it was valid for, so it never moves back nor skips a change);
 * a change that adds or removes one of its listeners replaces it with a route derived from it
 * ({@link RouteDeriver}). Routes with listener beans that must be fetched per event (prototypes, scoped beans)
 * carry a {@link PerEventListeners} and are dispatched on the slow path.
 *
 * <h2>Live, superseded, retired</h2>
 * The cache's front serves a route on the strength of its state alone, without reading the registry: a
 * {@linkplain #isLive() live} route is one whose listeners are still those of the current snapshot, or of one
 * whose change has not returned yet. A route is {@linkplain #supersede() superseded} before its change returns
 * once the registry moved past it (see {@link RouteCache} for who does it and when); it is retired
 * ({@link #markRetired()}) when it leaves the cache and its counters are sealed (but for a publish counter that
 * the route derived from it carries on, see {@link #previousPublishes}). A superseded route keeps
 * counting: only the front stops serving it.
 *
 * <p>Memory ordering: {@code validFor} is written only by CAS and read with volatile semantics; {@code state}
 * only rises (live, superseded, retired), by volatile writes and CAS, and is read with volatile semantics. The
 * final fields are safely published by the cache's CAS that installs the route, and by their final-field
 * semantics to a thread that meets the route through the cache's plain front array; such a thread may see the
 * constructor's writes of the volatile fields late, which is safe: the default {@code state} is live only for
 * a route that was live when built, and the front reads {@code state} after the route (never {@code validFor}).
 * A route prepared for a registration change ({@link PreparedRoutes}) reaches publishers through the snapshot
 * it was prepared for, which the registry's CAS publishes with everything written before it.
 */
final class Route {

	/** Served from the cache's front: see the class description. The default value of {@link #state}. */
	private static final int LIVE = 0;

	/** The registry moved past the route: the front no longer serves it; it still counts. */
	private static final int SUPERSEDED = 1;

	/** Left the cache; its counters are sealed or carried on by its successor (see {@link RouteLedger}). */
	private static final int RETIRED = 2;

	/** The class routes are cached by: the event class, or the payload class of a payload event. */
	final Class<?> routedClass;

	/** The event type looked up, or {@code null} for the natural type of a plain event. */
	final ResolvableType eventType;

	final Class<?> sourceType;

	// The fields a dispatch reads are declared first: HotSpot lays references out in declaration order, so with
	// the state, the sample phase and the flags (ints and booleans come first) they take the first 56 bytes of
	// the object and a publisher fetches as few lines as possible of a route just built by a registering thread.

	/** The synchronous listeners in order. */
	final RouteListener[] sync;

	/** Every async listener in order. */
	final RouteListener[] async;

	/** Listener beans fetched per event, or {@code null}. */
	final PerEventListeners perEvent;

	/**
	 * Events dispatched through this route; also decides which dispatches are sampled for timing. Possibly the
	 * counter of an earlier route that counts alike, kept unsealed meanwhile (see {@link #previousPublishes}).
	 */
	final StripedCounter publishes;

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

	/** Per lane index: the async listeners of that lane in order, or {@code null}. */
	final LaneGroup[] laneGroups;

	/** The lane indexes that have listeners, ascending. */
	final int[] usedLanes;

	/** Every async listener in order as one group, for events with an ordering key; {@code null} otherwise. */
	final LaneGroup keyedGroup;

	/** Whether the routed type carries an ordering key ({@code KeyedEvent}). */
	final boolean keyed;

	/**
	 * Added to a stripe's count of {@link #publishes} before it is matched against the timing sample mask: 0 for
	 * a resolved route (its first dispatch is timed), a random value for a derived one, so that a route replaced
	 * after every few dispatches by registration churn keeps the sampling rate on average instead of timing the
	 * first dispatch of each replacement (see {@link RouteDeriver}).
	 */
	final int samplePhase;

	/** {@link #ordered}, {@link #sync} and {@link #async} as one value, which routes with the same listeners share. */
	final RouteListeners listeners;

	/**
	 * The listeners of the route this one was derived from by adding one listener, or {@code null}: when that
	 * listener is removed again, the route derived for it takes these back instead of new arrays (see
	 * {@link RouteListeners}). Holds no route, so no chain of past routes stays reachable.
	 */
	final RouteListeners beforeAdd;

	/**
	 * The publish counter of the route this one was derived from, left unsealed when that route left the cache
	 * for this one, or {@code null} for a resolved route; it counts for {@link #previousListeners}. A route derived
	 * from this one with those listeners (by metrics, see {@link RouteListeners#countsLike}) takes it over as its
	 * own ({@link RouteDeriver}); otherwise it is sealed when this route leaves the cache ({@link RouteLedger}).
	 * <p>Why: under registration churn a listener is added and removed again and again, and the routes of a key
	 * alternate between two listener sets. A new counter per route is a cache line every publisher has to take
	 * over with an atomic add, right after the registering thread wrote it (zeroing it); two counters passed back
	 * and forth stay in the publishers' caches. Final, like everything here that the registering thread would
	 * otherwise write while publishers read the route.
	 */
	final StripedCounter previousPublishes;

	/** The listeners {@link #previousPublishes} counts for, or {@code null}. */
	final RouteListeners previousListeners;

	/**
	 * Whether {@link #publishes} was taken over from the route this one was derived from (its
	 * {@link #previousPublishes}): until this route is cached, that route keeps it, and seals it if it is not
	 * carried on.
	 */
	final boolean tookOverPublishes;

	/** {@link #LIVE}, then {@link #SUPERSEDED}, then {@link #RETIRED}; never goes back. */
	private volatile int state;

	/**
	 * The route that takes this one's place, set (plain) right before the volatile write that supersedes it: see
	 * {@link #supersede(Route)}. Points forward only, so it keeps no past route alive.
	 */
	private Route successor;

	/** 1 once a thread took on caching this route in place of the one it succeeds ({@link #claimInstall()}). */
	private volatile int installClaimed;

	private static final VarHandle VALID_FOR;

	private static final VarHandle STATE;

	private static final VarHandle INSTALL_CLAIMED;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			VALID_FOR = lookup.findVarHandle(Route.class, "validFor", RegistrySnapshot.class);
			STATE = lookup.findVarHandle(Route.class, "state", int.class);
			INSTALL_CLAIMED = lookup.findVarHandle(Route.class, "installClaimed", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	Route(Class<?> routedClass, ResolvableType eventType, ResolvableType resolvedType, Class<?> sourceType,
			RegistrySnapshot snapshot, String typeName, boolean cached, boolean derivable, RouteListener[] ordered,
			int laneCount, boolean keyed, PerEventListeners perEvent, int samplePhase) {
		this(routedClass, eventType, resolvedType, sourceType, snapshot, typeName, cached, derivable,
				(ordered.length == 0) ? RouteListeners.EMPTY : new RouteListeners(ordered), null, null, null,
				laneCount, keyed, perEvent, samplePhase);
	}

	/**
	 * @param listeners the listeners, possibly shared with other routes
	 * @param beforeAdd see {@link #beforeAdd}
	 * @param publishes the publish counter taken over from a route that counts alike, or {@code null} for a new
	 * one
	 * @param previous the route this one is derived from, or {@code null}: see {@link #previousPublishes}
	 */
	Route(Class<?> routedClass, ResolvableType eventType, ResolvableType resolvedType, Class<?> sourceType,
			RegistrySnapshot snapshot, String typeName, boolean cached, boolean derivable, RouteListeners listeners,
			RouteListeners beforeAdd, StripedCounter publishes, Route previous, int laneCount, boolean keyed,
			PerEventListeners perEvent, int samplePhase) {
		this.routedClass = routedClass;
		this.publishes = (publishes != null) ? publishes : new StripedCounter();
		this.tookOverPublishes = (publishes != null);
		this.previousPublishes = (previous != null) ? previous.publishes : null;
		this.previousListeners = (previous != null) ? previous.listeners : null;
		this.samplePhase = samplePhase;
		this.eventType = eventType;
		this.resolvedType = resolvedType;
		this.sourceType = sourceType;
		this.validFor = snapshot;
		this.derivable = derivable && cached && perEvent == null;
		this.listeners = listeners;
		this.beforeAdd = beforeAdd;
		this.ordered = listeners.ordered;
		this.sync = listeners.sync;
		this.async = listeners.async;
		this.typeName = typeName;
		this.cached = cached;
		this.keyed = keyed;
		this.perEvent = perEvent;
		int asyncCount = this.async.length;
		int[] perLane = new int[Math.max(laneCount, 1)];
		for (RouteListener listener : this.async) {
			perLane[listener.lane]++;
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

	/**
	 * Whether the cache's front may serve this route without asking the registry (volatile read): neither
	 * superseded nor retired.
	 */
	boolean isLive() {
		return this.state == LIVE;
	}

	/** Whether the route left the cache (volatile read). */
	boolean isRetired() {
		return this.state == RETIRED;
	}

	/**
	 * Stop the front from serving this route: the registry's current snapshot has other listeners for its key,
	 * or the route is about to leave the cache. Idempotent; a retired route stays retired.
	 */
	void supersede() {
		supersede(null);
	}

	/**
	 * {@link #supersede()}, naming the route that takes this one's place ({@code null} if none is known yet):
	 * until that route is in the cache's front, a publisher that finds this one there is served the successor
	 * if it is live and valid for the registry's current snapshot ({@link #successor()}).
	 */
	void supersede(Route replacement) {
		// One CAS, no loop: if it fails the state is already superseded or retired. Read first: a CAS takes the
		// line exclusive even when it fails, and many threads may find the same stale route.
		if (this.state == LIVE) {
			if (replacement != null) {
				// Written before the state, which publishes it to whoever reads the state as not live. Two threads
				// superseding at once may each write one: either is a route derived for a later snapshot, and
				// readers check it against the registry before serving it.
				this.successor = replacement;
			}
			STATE.compareAndSet(this, LIVE, SUPERSEDED);
		}
	}

	/**
	 * The route named to take this one's place when it was superseded, or {@code null}; only a hint, to be
	 * checked against the registry. Read it after finding this route not live.
	 */
	Route successor() {
		return this.successor;
	}

	/**
	 * Mark the route retired (and so superseded): true for the one caller that does it first.
	 * <p>The loop ends: each failed CAS means {@code state} rose, and it rises at most twice.
	 */
	boolean markRetired() {
		while (true) {
			int current = this.state;
			if (current == RETIRED) {
				return false;
			}
			if (STATE.compareAndSet(this, current, RETIRED)) {
				return true;
			}
		}
	}

	/**
	 * Claim the caching of this (prepared) route: true for exactly one caller, which then puts it in the cache in
	 * place of its predecessor or, failing that, retires it. Everyone else leaves the cache alone.
	 */
	boolean claimInstall() {
		// Read first: the change hook asks again for every route it prepared once that route is live in the
		// front, and a failed CAS would still take the line that publishers read the state from exclusive.
		return this.installClaimed == 0 && INSTALL_CLAIMED.compareAndSet(this, 0, 1);
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
