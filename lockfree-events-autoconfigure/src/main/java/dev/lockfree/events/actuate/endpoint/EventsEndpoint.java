package dev.lockfree.events.actuate.endpoint;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.convert.DurationStyle;

import dev.lockfree.events.LockFreeApplicationEventMulticaster;
import dev.lockfree.events.LockFreeEventOptions;
import dev.lockfree.events.OverflowPolicy;
import dev.lockfree.events.stats.EventStatistics;
import dev.lockfree.events.stats.EventTypeStatistics;
import dev.lockfree.events.stats.LaneStatistics;
import dev.lockfree.events.stats.ListenerStatistics;
import dev.lockfree.events.stats.TimingStatistics;

/**
 * {@link Endpoint @Endpoint} that shows how a {@link LockFreeApplicationEventMulticaster} is configured and
 * what it has done: its options, its lanes, its totals, the event types it has routed and its listeners.
 * Everything is read from the multicaster's {@link EventStatistics}; times are in milliseconds.
 */
@Endpoint(id = "events")
public class EventsEndpoint {

	private static final List<ChronoUnit> EXACT_UNITS = List.of(ChronoUnit.DAYS, ChronoUnit.HOURS,
			ChronoUnit.MINUTES, ChronoUnit.SECONDS, ChronoUnit.MILLIS, ChronoUnit.MICROS);

	private final EventStatistics statistics;

	/**
	 * Create an endpoint reading the given statistics.
	 * @param statistics the multicaster's statistics view
	 */
	public EventsEndpoint(EventStatistics statistics) {
		this.statistics = statistics;
	}

	@ReadOperation
	public EventsDescriptor events() {
		LockFreeEventOptions options = this.statistics.options();
		return new EventsDescriptor(propertyValue(options.mode()), OptionsDescriptor.of(options),
				TotalsDescriptor.of(this.statistics),
				this.statistics.lanes().stream().map(LaneDescriptor::of).toList(),
				this.statistics.eventTypes().stream().map(EventTypeDescriptor::of).toList(),
				this.statistics.listeners().stream().map(ListenerDescriptor::of).toList());
	}

	/**
	 * Describe one event type.
	 * @param eventType the type's name as listed by {@link #events()}
	 * @return the type, or {@code null} (a 404 over HTTP) when no event of that type was multicast
	 */
	@ReadOperation
	public EventTypeDescriptor eventType(@Selector String eventType) {
		for (EventTypeStatistics type : this.statistics.eventTypes()) {
			if (type.eventType().equals(eventType)) {
				return EventTypeDescriptor.of(type);
			}
		}
		return null;
	}

	/** An enum constant as it is written in properties: {@code CALLER_RUNS} is {@code caller-runs}. */
	static String propertyValue(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * A duration as it is written in properties, in its largest exact unit: {@code 30s}, {@code 750ms}.
	 */
	static String format(Duration duration) {
		if (duration.isZero()) {
			return "0s";
		}
		for (ChronoUnit unit : EXACT_UNITS) {
			if (duration.truncatedTo(unit).equals(duration)) {
				return DurationStyle.SIMPLE.print(duration, unit);
			}
		}
		return DurationStyle.SIMPLE.print(duration, ChronoUnit.NANOS);
	}

	/**
	 * Everything the endpoint shows.
	 *
	 * @param mode the dispatch mode
	 * @param options the effective configuration
	 * @param totals counts since the multicaster was created
	 * @param lanes the lanes started so far, in index order
	 * @param eventTypes the event types multicast so far
	 * @param listeners the listeners known so far
	 */
	public record EventsDescriptor(String mode, OptionsDescriptor options, TotalsDescriptor totals,
			List<LaneDescriptor> lanes, List<EventTypeDescriptor> eventTypes,
			List<ListenerDescriptor> listeners) implements OperationResponseBody {
	}

	/**
	 * The effective configuration, with the names and value formats of the {@code lockfree.events.*}
	 * properties.
	 */
	public record OptionsDescriptor(String mode, List<String> asyncInclude, List<String> asyncExclude, int lanes,
			int capacity, int batchSize, String waitStrategy, String overflow, String threadNamePrefix,
			String shutdownTimeout, boolean contextPropagation, int timingSampleInterval) {

		static OptionsDescriptor of(LockFreeEventOptions options) {
			return new OptionsDescriptor(propertyValue(options.mode()), options.asyncInclude(),
					options.asyncExclude(), options.lanes(), options.capacity(), options.batchSize(),
					propertyValue(options.waitStrategy()), propertyValue(options.overflowPolicy()),
					options.threadNamePrefix(), format(options.shutdownTimeout()),
					options.contextPropagation(), options.timingSampleInterval());
		}

	}

	/**
	 * Counts since the multicaster was created.
	 *
	 * @param published all events multicast
	 * @param publishedSync events whose listeners all ran on the publishing thread
	 * @param publishedAsync events with at least one listener handed to a lane
	 * @param invocations listener invocations that completed
	 * @param errors listener invocations that threw
	 * @param errorsByException listener errors by exception class name
	 * @param overflow deliveries that met a full lane, by the overflow policy that handled them
	 * @param abandoned deliveries never delivered because the shutdown timeout expired
	 * @param ringWait sampled time deliveries waited in their ring
	 * @param execution sampled time listeners took to run
	 */
	public record TotalsDescriptor(long published, long publishedSync, long publishedAsync, long invocations,
			long errors, Map<String, Long> errorsByException, Map<String, Long> overflow, long abandoned,
			TimingDescriptor ringWait, TimingDescriptor execution) {

		static TotalsDescriptor of(EventStatistics statistics) {
			long sync = statistics.publishedSync();
			long async = statistics.publishedAsync();
			Map<String, Long> overflow = new LinkedHashMap<>();
			for (OverflowPolicy policy : OverflowPolicy.values()) {
				overflow.put(propertyValue(policy), statistics.overflowed(policy));
			}
			return new TotalsDescriptor(sync + async, sync, async, statistics.invocations(), statistics.errors(),
					Map.copyOf(statistics.errorsByException()), overflow, statistics.abandoned(),
					TimingDescriptor.of(statistics.ringWait()), TimingDescriptor.of(statistics.execution()));
		}

	}

	/**
	 * One lane.
	 *
	 * @param index lane index, from 0
	 * @param capacity ring capacity
	 * @param size deliveries waiting now
	 * @param remaining free slots now
	 * @param workerState the worker's state
	 * @param delivered deliveries taken from the ring
	 * @param batches batches drained
	 */
	public record LaneDescriptor(int index, int capacity, int size, int remaining, String workerState,
			long delivered, long batches) {

		static LaneDescriptor of(LaneStatistics lane) {
			return new LaneDescriptor(lane.index(), lane.capacity(), lane.size(), lane.remaining(),
					lane.workerState(), lane.delivered(), lane.batches());
		}

	}

	/**
	 * One event type.
	 *
	 * @param eventType the type's name
	 * @param published events of this type multicast
	 * @param listenerIds the listeners receiving it, in invocation order
	 */
	public record EventTypeDescriptor(String eventType, long published, List<String> listenerIds)
			implements OperationResponseBody {

		static EventTypeDescriptor of(EventTypeStatistics type) {
			return new EventTypeDescriptor(type.eventType(), type.published(), type.listenerIds());
		}

	}

	/**
	 * One listener.
	 *
	 * @param id listener id
	 * @param order its order
	 * @param beanName the bean it came from, {@code null} when added as an instance
	 * @param dispatch {@code sync} or {@code async}
	 * @param invocations completed invocations
	 * @param errors invocations that threw
	 * @param execution sampled execution time
	 */
	public record ListenerDescriptor(String id, int order, String beanName, String dispatch, long invocations,
			long errors, TimingDescriptor execution) {

		static ListenerDescriptor of(ListenerStatistics listener) {
			return new ListenerDescriptor(listener.id(), listener.order(), listener.beanName(),
					listener.async() ? "async" : "sync", listener.invocations(), listener.errors(),
					TimingDescriptor.of(listener.execution()));
		}

	}

	/**
	 * Sampled timings in milliseconds.
	 *
	 * @param samples samples taken
	 * @param meanMillis mean sample
	 * @param maxMillis largest sample
	 */
	public record TimingDescriptor(long samples, double meanMillis, double maxMillis) {

		static TimingDescriptor of(TimingStatistics timing) {
			return new TimingDescriptor(timing.count(), timing.mean(TimeUnit.MILLISECONDS),
					timing.max(TimeUnit.MILLISECONDS));
		}

	}

}
