package dev.lockfree.events.dispatch;


import org.springframework.core.ResolvableType;

import dev.lockfree.events.registry.RegistrySnapshot;
import dev.lockfree.events.stats.StripedCounter;

/**
 * The resolved listeners of one (event type, source type) for one registry snapshot: the sorted synchronous
 * listeners, and the asynchronous ones grouped by lane. Immutable but for its publish counter.
 *
 * <p>A route is valid while its snapshot is the registry's current one (identity). Routes with listener
 * beans that must be fetched per event (prototypes, scoped beans) carry a {@link PerEventListeners} and are
 * dispatched on the slow path.
 */
final class Route {

	private static final RouteListener[] NONE = new RouteListener[0];

	/** The class routes are cached by: the event class, or the payload class of a payload event. */
	final Class<?> routedClass;

	/** The event type looked up, or {@code null} for the natural type of a plain event. */
	final ResolvableType eventType;

	final Class<?> sourceType;

	final RegistrySnapshot snapshot;

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

	/** {@code System.nanoTime()} when the route left the cache; written once before it is queued. */
	volatile long retiredAt;

	Route(Class<?> routedClass, ResolvableType eventType, Class<?> sourceType, RegistrySnapshot snapshot, String typeName, boolean cached,
			RouteListener[] ordered, int laneCount, boolean keyed, PerEventListeners perEvent) {
		this.routedClass = routedClass;
		this.eventType = eventType;
		this.sourceType = sourceType;
		this.snapshot = snapshot;
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
