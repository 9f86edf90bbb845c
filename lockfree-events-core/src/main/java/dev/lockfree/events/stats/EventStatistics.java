package dev.lockfree.events.stats;

import java.util.List;
import java.util.Map;

import dev.lockfree.events.LockFreeEventOptions;
import dev.lockfree.events.OverflowPolicy;

/**
 * A read-only view of a multicaster's counters, for meter binders and endpoints.
 *
 * <p>Every number counts from the multicaster's creation. Reads are cheap but not atomic across methods:
 * two reads taken while events flow may disagree by the events in flight. Nothing here is on the
 * dispatch path: the multicaster counts with striped or single-writer counters and this view sums them.
 */
public interface EventStatistics {

	/** The options the multicaster runs with. */
	LockFreeEventOptions options();

	/** Events multicast whose listeners all ran on the publishing thread. */
	long publishedSync();

	/** Events multicast with at least one listener handed to a lane. */
	long publishedAsync();

	/** All events multicast. */
	default long published() {
		return publishedSync() + publishedAsync();
	}

	/** Listener invocations that completed, with or without an exception, on any thread. */
	long invocations();

	/** Listener invocations that threw. */
	long errors();

	/** Listener errors by exception class name. */
	Map<String, Long> errorsByException();

	/**
	 * Deliveries that met a full lane, by the overflow policy that handled them: {@code BLOCK} counts
	 * publishers that had to wait, {@code CALLER_RUNS} deliveries run on the publisher, {@code DROP}
	 * deliveries dropped, {@code FAIL} deliveries rejected with an exception.
	 */
	long overflowed(OverflowPolicy policy);

	/** Deliveries still in the lanes when the shutdown timeout expired, never delivered. */
	long abandoned();

	/** Time async deliveries waited in their ring before a worker took them (sampled). */
	TimingStatistics ringWait();

	/** Time listeners took to run (sampled). */
	TimingStatistics execution();

	/** The lanes, in index order; empty when no lane was ever started. */
	List<LaneStatistics> lanes();

	/** The registered listeners that have been resolved for at least one event type, or registered directly. */
	List<ListenerStatistics> listeners();

	/** The event types multicast so far, each with its counts and listeners. */
	List<EventTypeStatistics> eventTypes();

}
