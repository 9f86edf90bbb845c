package dev.lockfree.events;

/**
 * How an idle lane worker waits for the next event.
 */
public enum WaitStrategy {

	/**
	 * Spin briefly, then yield for up to 50 µs, then park until a publisher wakes it. Costs no CPU when no
	 * events flow; events that follow each other within 50 µs find the worker awake, without a wake-up. The
	 * default.
	 */
	PARK,

	/** Park as soon as the ring is empty, until a publisher wakes it: the least CPU, the most wake-ups. */
	BLOCK,

	/** Call {@link Thread#yield()} between polls: low latency, burns a core per lane when other threads are idle. */
	YIELD,

	/** Busy-spin with {@link Thread#onSpinWait()}: the lowest latency, a full core per lane at all times. */
	SPIN

}
