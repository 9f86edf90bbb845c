package dev.lockfree.events.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.jctools.maps.NonBlockingHashMap;

/**
 * Keeps the counts of routes that left the cache, so that no count is lost when a route is replaced.
 *
 * <p>A retired route may still be counting: a publisher that looked it up just before it was replaced
 * increments its counter right after. So a retired route is first kept as it is (its counter still read
 * live by the statistics) and only folded into the per-type, per-listener and total counters once it has
 * been retired for {@link #GRACE_NANOS}, far longer than the few instructions between a lookup and its
 * increment. The queue is lock-free ({@link ConcurrentLinkedQueue}); each route is folded by the one thread
 * whose {@code poll} returns it.
 */
final class RouteLedger {

	static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

	private final ConcurrentLinkedQueue<Route> retired = new ConcurrentLinkedQueue<>();

	private final NonBlockingHashMap<String, LongAdder> foldedByType = new NonBlockingHashMap<>();

	private final LongAdder foldedSync = new LongAdder();

	private final LongAdder foldedAsync = new LongAdder();

	/** Take a route that left the cache (or never entered it). */
	void retire(Route route) {
		route.retiredAt = System.nanoTime();
		this.retired.add(route);
		foldExpired();
	}

	/** Fold every route retired longer than the grace period. */
	void foldExpired() {
		long now = System.nanoTime();
		Route head;
		while ((head = this.retired.peek()) != null && now - head.retiredAt > GRACE_NANOS) {
			Route route = this.retired.poll();
			if (route == null) {
				return;
			}
			if (now - route.retiredAt <= GRACE_NANOS) {
				// Raced with another folder and got a younger route: keep it.
				this.retired.add(route);
				return;
			}
			fold(route);
		}
	}

	private void fold(Route route) {
		for (LaneGroup group : route.groups()) {
			long deliveries = group.deliveries.sum();
			for (RouteListener listener : group.listeners) {
				listener.metrics.addRoutedInvocations(deliveries);
			}
		}
		long publishes = route.publishes.sum();
		if (publishes == 0) {
			return;
		}
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

	/** Retired routes not folded yet; their counters are still live. */
	List<Route> unfolded() {
		return new ArrayList<>(this.retired);
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
