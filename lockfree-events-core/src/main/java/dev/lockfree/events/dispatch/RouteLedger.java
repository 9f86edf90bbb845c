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
 *
 * <p>One exception, for registration churn: a route replaced by a route derived from it leaves its publish
 * counter unsealed, in the successor's keeping ({@link Route#previousPublishes}), and the next route derived
 * with the same counted listeners counts on it again ({@link #retireReplaced}). Statistics read such a counter
 * through the cached route that keeps it.
 */
final class RouteLedger {

	private final NonBlockingHashMap<String, LongAdder> foldedByType = new NonBlockingHashMap<>();

	private final LongAdder foldedSync = new LongAdder();

	private final LongAdder foldedAsync = new LongAdder();

	/**
	 * Take a route that left the cache with no successor derived from it (or never entered it): seal and fold its
	 * counters, and the counter it kept for its predecessor ({@link Route#previousPublishes}).
	 */
	void retire(Route route) {
		if (route.markRetired()) {
			foldLaneGroups(route);
			sealPrevious(route);
			seal(route.publishes, route.sync, route.hasAsync(), route.typeName);
		}
	}

	/**
	 * Take a route that never was in the cache (its replace or install lost, or it was prepared for a change and
	 * nobody cached it): as {@link #retire}, except for the publish counters it shares with the route it was
	 * derived from, which that route keeps and seals: the previous one, and its own if it took that over
	 * ({@link Route#tookOverPublishes}). Sealing them here would send every publish through a route that was
	 * cached with the same counter to {@link #countLatePublish}.
	 */
	void retireUncached(Route route) {
		if (route.markRetired()) {
			foldLaneGroups(route);
			if (!route.tookOverPublishes) {
				seal(route.publishes, route.sync, route.hasAsync(), route.typeName);
			}
		}
	}

	/**
	 * Take a route that {@code successor} replaced in the cache: as {@link #retire}, except for the publish
	 * counters the successor carries on. A successor derived from the route keeps the route's own counter
	 * unsealed as its {@link Route#previousPublishes}; one that took over the route's previous counter as its
	 * own counts on it. Each counter left behind is sealed here. Should a counter be sealed twice all the same,
	 * {@link StripedCounter#seal()} hands its count to the first caller only.
	 */
	void retireReplaced(Route route, Route successor) {
		if (!route.markRetired()) {
			return;
		}
		foldLaneGroups(route);
		if (successor.publishes != route.previousPublishes) {
			sealPrevious(route);
		}
		if (successor.previousPublishes != route.publishes) {
			seal(route.publishes, route.sync, route.hasAsync(), route.typeName);
		}
	}

	private void sealPrevious(Route route) {
		if (route.previousPublishes != null) {
			RouteListeners previous = route.previousListeners;
			seal(route.previousPublishes, previous.sync, previous.async.length > 0, route.typeName);
		}
	}

	/** Seal a publish counter and fold what it held: publishes of a type, invocations of its listeners. */
	private void seal(StripedCounter publishes, RouteListener[] sync, boolean async, String typeName) {
		long count = publishes.seal();
		if (count != 0) {
			countPublishes(sync, async, typeName, count);
		}
	}

	private void foldLaneGroups(Route route) {
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
	}

	/** Count one publish through a route whose counter was already sealed. */
	void countLatePublish(Route route) {
		countPublishes(route.sync, route.hasAsync(), route.typeName, 1);
	}

	/** Count one delivery to a lane group whose counter was already sealed. */
	void countLateDelivery(LaneGroup group) {
		for (RouteListener listener : group.listeners) {
			listener.metrics.addRoutedInvocations(1);
		}
	}

	private void countPublishes(RouteListener[] sync, boolean async, String typeName, long publishes) {
		for (RouteListener listener : sync) {
			listener.metrics.addRoutedInvocations(publishes);
		}
		countType(typeName, publishes);
		(async ? this.foldedAsync : this.foldedSync).add(publishes);
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
