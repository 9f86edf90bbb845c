package dev.lockfree.events;

/**
 * How an idle lane worker waits for the next event.
 */
public enum WaitStrategy {

	/**
	 * Spin briefly, then yield, then park until a publisher wakes it. Costs no CPU when no events flow. How long
	 * the worker yields adapts to the gaps between its events, between 50 µs and 400 µs: it widens when events
	 * keep arriving shortly after the worker parked and narrows when they do not, so that a lane whose events
	 * come less than 400 µs apart stays awake between them (yielding the core to any thread that wants it) and
	 * answers without the tens of microseconds a wake-up costs. The default.
	 */
	PARK,

	/** Park as soon as the ring is empty, until a publisher wakes it: the least CPU, the most wake-ups. */
	BLOCK,

	/** Call {@link Thread#yield()} between polls: low latency, burns a core per lane when other threads are idle. */
	YIELD,

	/** Busy-spin with {@link Thread#onSpinWait()}: the lowest latency, a full core per lane at all times. */
	SPIN

}
