package dev.lockfree.events.dispatch;

import dev.lockfree.events.stats.StripedCounter;

/**
 * The async listeners of a route that share one lane (or, for keyed events, all of the route's async
 * listeners), with the count of deliveries made to them.
 *
 * <p>Counting per delivery, not per listener, keeps the worker at one striped increment per event and lane;
 * each listener's invocations are derived from the groups it belongs to. A group of a route that is not
 * cached counts each listener directly instead, since nothing would read its counter later.
 */
final class LaneGroup {

	final RouteListener[] listeners;

	final boolean countsDirectly;

	/**
	 * Deliveries handed to these listeners (on a worker, or on the publisher when the lane could not take it);
	 * sealed when the route leaves the cache, after which each delivery is counted by the ledger directly.
	 */
	final StripedCounter deliveries = new StripedCounter();

	LaneGroup(RouteListener[] listeners, boolean countsDirectly) {
		this.listeners = listeners;
		this.countsDirectly = countsDirectly;
	}

}
