package dev.lockfree.events.metrics;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.lockfree.events.LockFreeApplicationEventMulticaster;
import dev.lockfree.events.OverflowPolicy;
import dev.lockfree.events.stats.EventStatistics;
import dev.lockfree.events.stats.LaneStatistics;
import dev.lockfree.events.stats.TimingStatistics;

/**
 * A {@link MeterBinder} for a {@link LockFreeApplicationEventMulticaster}'s {@link EventStatistics}.
 *
 * <p>Every meter is function-based: it reads the statistics view when the registry is read, so nothing touches
 * the meter registry while events are dispatched, and events published before binding are counted.
 *
 * <table>
 * <caption>Meters</caption>
 * <tr><th>Name</th><th>Type</th><th>Tags</th></tr>
 * <tr><td>{@code lockfree.events.published}</td><td>function counter</td><td>{@code dispatch} = sync | async</td></tr>
 * <tr><td>{@code lockfree.events.invocations}</td><td>function counter</td><td></td></tr>
 * <tr><td>{@code lockfree.events.errors}</td><td>function counter</td><td></td></tr>
 * <tr><td>{@code lockfree.events.overflow}</td><td>function counter</td><td>{@code policy} = block | caller-runs |
 * drop | fail</td></tr>
 * <tr><td>{@code lockfree.events.abandoned}</td><td>function counter</td><td></td></tr>
 * <tr><td>{@code lockfree.events.lane.capacity}, {@code .size}, {@code .remaining}</td><td>gauges</td>
 * <td>{@code lane} = 0, 1, ...</td></tr>
 * <tr><td>{@code lockfree.events.ring.wait}</td><td>function timer</td><td></td></tr>
 * <tr><td>{@code lockfree.events.listener.execution}</td><td>function timer</td><td></td></tr>
 * </table>
 *
 * <p>Listener errors are one total counter. A counter per exception class would have to be registered when a
 * class is first seen, which is either on the dispatch path or late and racy, and exception classes are not a
 * bounded tag set; the breakdown by exception class is in the {@code events} actuator endpoint instead.
 *
 * <p>Lane gauges exist for every configured lane from the start. Before a lane's worker has started (lanes
 * start with the first asynchronous delivery), it reports the configured capacity, a size of 0 and a full
 * remaining capacity.
 */
public class LockFreeEventsMetrics implements MeterBinder {

	private static final String PREFIX = "lockfree.events.";

	private static final String PUBLISHED_DESCRIPTION = "Events multicast: async when at least one listener was "
			+ "handed to a lane, sync when all ran on the publishing thread";

	private final EventStatistics statistics;

	private final Iterable<Tag> tags;

	/**
	 * Create a binder for the given statistics.
	 * @param statistics the multicaster's statistics view
	 */
	public LockFreeEventsMetrics(EventStatistics statistics) {
		this(statistics, Tags.empty());
	}

	/**
	 * Create a binder for the given statistics that adds {@code tags} to every meter.
	 * @param statistics the multicaster's statistics view
	 * @param tags tags to add to every meter
	 */
	public LockFreeEventsMetrics(EventStatistics statistics, Iterable<Tag> tags) {
		this.statistics = statistics;
		this.tags = tags;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		bindCounters(registry);
		for (OverflowPolicy policy : OverflowPolicy.values()) {
			counter("overflow", (stats) -> stats.overflowed(policy),
					"Deliveries that met a full lane, by the overflow policy that handled them", "deliveries")
				.tag("policy", policy.name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.register(registry);
		}
		for (int lane = 0; lane < this.statistics.options().lanes(); lane++) {
			bindLane(registry, lane);
		}
		timer(registry, "ring.wait", EventStatistics::ringWait,
				"Time asynchronous deliveries waited in their lane's ring before a worker took them (sampled)");
		timer(registry, "listener.execution", EventStatistics::execution, "Time listeners took to run (sampled)");
	}

	private void bindCounters(MeterRegistry registry) {
		counter("published", EventStatistics::publishedSync, PUBLISHED_DESCRIPTION, BaseUnits.EVENTS)
			.tag("dispatch", "sync")
			.register(registry);
		counter("published", EventStatistics::publishedAsync, PUBLISHED_DESCRIPTION, BaseUnits.EVENTS)
			.tag("dispatch", "async")
			.register(registry);
		counter("invocations", EventStatistics::invocations,
				"Listener invocations that completed, with or without an exception", "invocations")
			.register(registry);
		counter("errors", EventStatistics::errors, "Listener invocations that threw", "invocations")
			.register(registry);
		counter("abandoned", EventStatistics::abandoned,
				"Deliveries still in the lanes when the shutdown timeout expired, never delivered", "deliveries")
			.register(registry);
	}

	private FunctionCounter.Builder<EventStatistics> counter(String name,
			ToDoubleFunction<EventStatistics> count, String description, String baseUnit) {
		return FunctionCounter.builder(PREFIX + name, this.statistics, count)
			.tags(this.tags)
			.description(description)
			.baseUnit(baseUnit);
	}

	private void bindLane(MeterRegistry registry, int index) {
		Tags laneTags = Tags.of(this.tags).and("lane", Integer.toString(index));
		gauge(registry, "lane.capacity", laneTags, (stats) -> lane(stats, index).capacity(),
				"Capacity of the lane's ring");
		gauge(registry, "lane.size", laneTags, (stats) -> lane(stats, index).size(),
				"Deliveries waiting in the lane's ring");
		gauge(registry, "lane.remaining", laneTags, (stats) -> lane(stats, index).remaining(),
				"Free slots in the lane's ring");
	}

	private void gauge(MeterRegistry registry, String name, Tags tags, ToDoubleFunction<EventStatistics> value,
			String description) {
		Gauge.builder(PREFIX + name, this.statistics, value)
			.tags(tags)
			.description(description)
			.baseUnit("deliveries")
			.register(registry);
	}

	private static LaneStatistics lane(EventStatistics statistics, int index) {
		for (LaneStatistics lane : statistics.lanes()) {
			if (lane.index() == index) {
				return lane;
			}
		}
		return new LaneStatistics(index, statistics.options().capacity(), 0, "NEW", 0, 0);
	}

	private void timer(MeterRegistry registry, String name,
			Function<EventStatistics, TimingStatistics> timing, String description) {
		FunctionTimer
			.builder(PREFIX + name, this.statistics, (stats) -> timing.apply(stats).count(),
					(stats) -> timing.apply(stats).totalNanos(), TimeUnit.NANOSECONDS)
			.tags(this.tags)
			.description(description)
			.register(registry);
	}

}
