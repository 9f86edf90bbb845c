package dev.lockfree.events.dispatch;

import java.util.ArrayList;
import java.util.concurrent.atomic.LongAdder;

import org.jctools.maps.NonBlockingHashMap;

import dev.lockfree.events.stats.StripedCounter;

/**
 * Keeps the counts of routes that left the cache, so that no count is lost when a route is replaced.
 *
 * <p>A retired route may still be counting: a publisher that looked it up just before it was replaced
 * increments its counter right after, and a lane worker counts a delivery of it whenever the delivery comes out
 * of the ring, possibly long after. So retiring {@link StripedCounter#seal() seals} the route's counters and
 * folds what they hold into the per-type, per-listener and total counters at once; an increment that comes
 * after the seal learns so from the counter and is counted here by its own thread
 * ({@link #countLatePublish}, {@link #countLateDelivery}). Each count lands exactly once, retired routes are
 * not kept, and nobody waits.
 */
final class RouteLedger {

	private final NonBlockingHashMap<String, LongAdder> foldedByType = new NonBlockingHashMap<>();

	private final LongAdder foldedSync = new LongAdder();

	private final LongAdder foldedAsync = new LongAdder();

	/** Take a route that left the cache (or never entered it): seal and fold its counters. */
	void retire(Route route) {
		if (!route.markRetired()) {
			return;
		}
		for (LaneGroup group : route.groups()) {
			if (group.countsDirectly) {
				continue;
			}
			long deliveries = group.deliveries.seal();
			if (deliveries != 0) {
				for (RouteListener listener : group.listeners) {
					listener.metrics.addRoutedInvocations(deliveries);
				}
			}
		}
		long publishes = route.publishes.seal();
		if (publishes != 0) {
			countPublishes(route, publishes);
		}
	}

	/** Count one publish through a route whose counter was already sealed. */
	void countLatePublish(Route route) {
		countPublishes(route, 1);
	}

	/** Count one delivery to a lane group whose counter was already sealed. */
	void countLateDelivery(LaneGroup group) {
		for (RouteListener listener : group.listeners) {
			listener.metrics.addRoutedInvocations(1);
		}
	}

	private void countPublishes(Route route, long publishes) {
		for (RouteListener listener : route.sync) {
			listener.metrics.addRoutedInvocations(publishes);
		}
		countType(route.typeName, publishes);
		(route.hasAsync() ? this.foldedAsync : this.foldedSync).add(publishes);
	}

	/** Count events of a type directly (routes that are never cached). */
	void countType(String typeName, long count) {
		LongAdder adder = this.foldedByType.get(typeName);
		if (adder == null) {
			LongAdder created = new LongAdder();
			adder = this.foldedByType.putIfAbsent(typeName, created);
			if (adder == null) {
				adder = created;
			}
		}
		adder.add(count);
	}

	void countPublished(boolean async) {
		(async ? this.foldedAsync : this.foldedSync).increment();
	}

	long foldedPublished(boolean async) {
		return (async ? this.foldedAsync : this.foldedSync).sum();
	}

	long foldedForType(String typeName) {
		LongAdder adder = this.foldedByType.get(typeName);
		return (adder != null) ? adder.sum() : 0;
	}

	Iterable<String> foldedTypes() {
		return new ArrayList<>(this.foldedByType.keySet());
	}

}
