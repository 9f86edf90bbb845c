package dev.lockfree.events;

/**
 * What a publisher does when the lane an event must go to is full.
 *
 * <p>Whatever the policy, a publish from a lane's own worker thread into a full ring never waits (it would
 * deadlock): the listener runs on that thread instead. Every event is either delivered or counted.
 */
public enum OverflowPolicy {

	/** Wait until the lane has room. Nothing is lost; publishers slow down to the listeners' pace. The default. */
	BLOCK,

	/** Invoke the listeners on the publishing thread. Nothing is lost; order on that lane is no longer kept. */
	CALLER_RUNS,

	/** Drop the delivery, count it and log it at a bounded rate. */
	DROP,

	/** Throw {@link RejectedEventException} to the publisher and count it. */
	FAIL

}
