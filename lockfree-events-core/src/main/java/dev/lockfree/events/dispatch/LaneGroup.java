package dev.lockfree.events.dispatch;

import org.springframework.context.ApplicationListener;

import dev.lockfree.events.registry.Registration;
import dev.lockfree.events.stats.StripedCounter;

/**
 * The async listeners of a route that share one lane (or, for keyed events, all of the route's async
 * listeners), with the count of deliveries made to them.
 *
 * <p>Counting per delivery, not per listener, keeps the worker at one atomic increment per event and lane;
 * each listener's invocations are derived from the groups it belongs to. A group of a route that is not
 * cached counts each listener directly instead, since nothing would read its counter later.
 *
 * <p>Besides the {@link RouteListener}s, the group keeps what a worker reads for every delivery in flat arrays
 * (listener instances, registrations): the worker's loop then loads each listener and its registration from
 * the group's own arrays instead of following a chain of references per listener, which matters because the
 * loads after a listener's own atomic instructions cannot start before those complete.
 */
final class LaneGroup {

	/** The counter of the groups that count each listener directly: never incremented, always 0. */
	private static final StripedCounter NOT_COUNTED = new StripedCounter();

	final RouteListener[] listeners;

	/** {@code listeners[i].listener}, in the same order. */
	final ApplicationListener<?>[] targets;

	/** {@code listeners[i].registration}, in the same order. */
	final Registration[] registrations;

	/** {@code listeners[i].alternate}, in the same order; {@code null} when no listener has one. */
	final Registration[] alternates;

	final boolean countsDirectly;

	/**
	 * Deliveries handed to these listeners (on a worker, or on the publisher when the lane could not take it);
	 * sealed when the route leaves the cache, after which each delivery is counted by the ledger directly.
	 * Padded stripes: it is written by the worker for every delivery, so it must not share a cache line with
	 * the route's fields that publishers read for every event. A group that counts directly never increments
	 * it and shares {@link #NOT_COUNTED} instead (such groups are built per event on the slow path, or belong
	 * to routes that are never cached, so it is never sealed either).
	 */
	final StripedCounter deliveries;

	LaneGroup(RouteListener[] listeners, boolean countsDirectly) {
		this.listeners = listeners;
		this.countsDirectly = countsDirectly;
		this.deliveries = countsDirectly ? NOT_COUNTED : new StripedCounter();
		this.targets = new ApplicationListener<?>[listeners.length];
		this.registrations = new Registration[listeners.length];
		boolean anyAlternate = false;
		for (int i = 0; i < listeners.length; i++) {
			this.targets[i] = listeners[i].listener;
			this.registrations[i] = listeners[i].registration;
			anyAlternate |= (listeners[i].alternate != null);
		}
		this.alternates = anyAlternate ? new Registration[listeners.length] : null;
		for (int i = 0; anyAlternate && i < listeners.length; i++) {
			this.alternates[i] = listeners[i].alternate;
		}
	}

	/**
	 * Whether at least one of the registrations of listener {@code index} is not claimed by a remove yet
	 * (volatile reads), from the flat arrays: the check a lane makes right before invoking it, so that a lane
	 * stops delivering to a listener as soon as its remove starts. Synchronous dispatch does not check, as in
	 * Spring.
	 */
	boolean isActive(int index) {
		if (this.registrations[index].isActive()) {
			return true;
		}
		Registration[] alternates = this.alternates;
		return alternates != null && alternates[index] != null && alternates[index].isActive();
	}

}
