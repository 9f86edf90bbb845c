package dev.lockfree.events.dispatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.lockfree.events.LockFreeEventOptions;
import dev.lockfree.events.OverflowPolicy;
import dev.lockfree.events.ring.Lanes;
import dev.lockfree.events.stats.EventStatistics;
import dev.lockfree.events.stats.EventTypeStatistics;
import dev.lockfree.events.stats.LaneStatistics;
import dev.lockfree.events.stats.ListenerMetrics;
import dev.lockfree.events.stats.ListenerStatistics;
import dev.lockfree.events.stats.TimingStatistics;

/**
 * The {@link EventStatistics} of a dispatcher: sums the routes' counters (cached, and retired but not folded
 * yet), the folded counts, the listener metrics and the lanes. Every read walks these structures, so it costs
 * in proportion to the number of routes and listeners; it is meant for meters and the endpoint, not for a
 * per-event caller.
 */
public final class DispatchStatistics implements EventStatistics {

	private final EventDispatcher dispatcher;

	DispatchStatistics(EventDispatcher dispatcher) {
		this.dispatcher = dispatcher;
	}

	@Override
	public LockFreeEventOptions options() {
		return this.dispatcher.getOptions();
	}

	@Override
	public long publishedSync() {
		return published(false);
	}

	@Override
	public long publishedAsync() {
		return published(true);
	}

	private long published(boolean async) {
		RouteLedger ledger = this.dispatcher.ledger();
		long total = ledger.foldedPublished(async);
		for (Route route : countingRoutes()) {
			if (route.hasAsync() == async) {
				total += route.publishes.sum();
			}
			if (route.previousPublishes != null && (route.previousListeners.async.length > 0) == async) {
				total += route.previousPublishes.sum();
			}
		}
		return total;
	}

	/**
	 * Cached routes: their counters hold what the ledger has not folded yet, each route's own and the one it
	 * keeps unsealed for its predecessor's listeners ({@link Route#previousPublishes}; 0 once sealed).
	 */
	private List<Route> countingRoutes() {
		List<Route> routes = this.dispatcher.cache().routes();
		routes.removeIf((route) -> !route.cached);
		return routes;
	}

	@Override
	public long invocations() {
		long total = 0;
		for (long count : invocationsByListener().values()) {
			total += count;
		}
		return total;
	}

	private Map<ListenerMetrics, Long> invocationsByListener() {
		Map<ListenerMetrics, Long> counts = new IdentityHashMap<>();
		for (ListenerMetrics metrics : this.dispatcher.listenerMetrics().all()) {
			counts.put(metrics, metrics.directInvocations() + metrics.routedInvocations() - metrics.skipped());
		}
		for (Route route : countingRoutes()) {
			long publishes = route.publishes.sum();
			for (RouteListener listener : route.sync) {
				counts.merge(listener.metrics, publishes, Long::sum);
			}
			if (route.previousPublishes != null) {
				long previous = route.previousPublishes.sum();
				for (RouteListener listener : route.previousListeners.sync) {
					counts.merge(listener.metrics, previous, Long::sum);
				}
			}
			for (LaneGroup group : route.groups()) {
				long deliveries = group.deliveries.sum();
				for (RouteListener listener : group.listeners) {
					counts.merge(listener.metrics, deliveries, Long::sum);
				}
			}
		}
		return counts;
	}

	@Override
	public long errors() {
		return this.dispatcher.errors().total();
	}

	@Override
	public Map<String, Long> errorsByException() {
		return this.dispatcher.errors().byName();
	}

	@Override
	public long overflowed(OverflowPolicy policy) {
		Lanes<Delivery> lanes = this.dispatcher.lanes();
		return (lanes != null) ? lanes.overflowed(policy) : 0;
	}

	@Override
	public long abandoned() {
		Lanes<Delivery> lanes = this.dispatcher.lanes();
		return (lanes != null) ? lanes.abandoned() : 0;
	}

	@Override
	public TimingStatistics ringWait() {
		return this.dispatcher.ringWait().snapshot();
	}

	@Override
	public TimingStatistics execution() {
		return this.dispatcher.execution().snapshot();
	}

	@Override
	public List<LaneStatistics> lanes() {
		Lanes<Delivery> lanes = this.dispatcher.lanes();
		return (lanes != null) ? lanes.statistics() : List.of();
	}

	@Override
	public List<ListenerStatistics> listeners() {
		Map<ListenerMetrics, Long> invocations = invocationsByListener();
		List<ListenerStatistics> result = new ArrayList<>(invocations.size());
		for (Map.Entry<ListenerMetrics, Long> entry : invocations.entrySet()) {
			ListenerMetrics metrics = entry.getKey();
			result.add(new ListenerStatistics(metrics.id(), metrics.order(), metrics.beanName(), metrics.isAsync(),
					entry.getValue(), metrics.errors(), metrics.execution().snapshot()));
		}
		result.sort((left, right) -> left.id().compareTo(right.id()));
		return result;
	}

	@Override
	public List<EventTypeStatistics> eventTypes() {
		RouteLedger ledger = this.dispatcher.ledger();
		Map<String, Long> published = new TreeMap<>();
		for (String type : ledger.foldedTypes()) {
			published.put(type, ledger.foldedForType(type));
		}
		for (Route route : countingRoutes()) {
			long previous = (route.previousPublishes != null) ? route.previousPublishes.sum() : 0;
			published.merge(route.typeName, route.publishes.sum() + previous, Long::sum);
		}
		Map<String, List<String>> listenerIds = new LinkedHashMap<>();
		for (Route route : this.dispatcher.cache().routes()) {
			listenerIds.putIfAbsent(route.typeName, listenerIds(route));
			published.putIfAbsent(route.typeName, 0L);
		}
		List<EventTypeStatistics> result = new ArrayList<>(published.size());
		published.forEach((type, count) -> result
			.add(new EventTypeStatistics(type, count, listenerIds.getOrDefault(type, List.of()))));
		return result;
	}

	private static List<String> listenerIds(Route route) {
		List<String> ids = new ArrayList<>();
		if (route.perEvent != null) {
			route.perEvent.fixed.forEach((listener) -> ids.add(listener.metrics.id()));
			route.perEvent.beans.forEach((bean) -> ids.add(bean.metrics().id()));
			return ids;
		}
		addIds(ids, route.sync);
		addIds(ids, route.async);
		return ids;
	}

	private static void addIds(Collection<String> ids, RouteListener[] listeners) {
		for (RouteListener listener : listeners) {
			ids.add(listener.metrics.id());
		}
	}

}
