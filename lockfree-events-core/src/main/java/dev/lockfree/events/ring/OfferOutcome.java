package dev.lockfree.events.ring;

import dev.lockfree.events.OverflowPolicy;

/**
 * What happened to a delivery offered to {@link Lanes#offer(int, Object)}.
 *
 * <p>Only {@link #ENQUEUED} means the lanes took the delivery; for every other outcome the caller still owns it.
 */
public enum OfferOutcome {

	/** Accepted: the lane delivers it (a worker, or a publisher helping after the lanes began to stop). */
	ENQUEUED,

	/**
	 * Not accepted: the caller must hand the delivery to the handler itself. Returned when the lane is full
	 * under {@link OverflowPolicy#CALLER_RUNS}, when the lane is full and the caller is a lane worker thread
	 * (whatever the policy: waiting there could deadlock), and when the lanes are stopping or stopped.
	 */
	RUN_ON_CALLER,

	/** Not accepted: the lane is full under {@link OverflowPolicy#DROP}; counted and logged at a bounded rate. */
	DROPPED,

	/**
	 * Not accepted: the lane is full under {@link OverflowPolicy#FAIL}; counted. The caller throws
	 * {@link dev.lockfree.events.RejectedEventException}.
	 */
	REJECTED

}
