package dev.lockfree.events.ring;

import dev.lockfree.events.WaitStrategy;

/**
 * The thread that consumes one lane: drains it in batches while the lanes run, waits per the
 * {@link WaitStrategy} when it is empty, and delivers what is left once they stop.
 *
 * <p>A class of its own so that {@link Lanes#isWorkerThread(Thread)} is a type check. Daemon thread: a handler
 * that ignores interruption forever cannot keep the JVM alive.
 *
 * @param <T> the type of the deliveries
 */
final class LaneWorkerThread<T> extends Thread {

	/** Idle rounds of {@link Thread#onSpinWait()} before a PARK worker starts yielding. */
	static final int PARK_SPIN_ROUNDS = 100;

	/** Shortest yield window of a PARK worker (see {@link #yieldWindowNanos}): 50 µs. */
	static final long MIN_YIELD_NANOS = 50_000;

	/** Longest yield window of a PARK worker (see {@link #yieldWindowNanos}): 400 µs. */
	static final long MAX_YIELD_NANOS = 400_000;

	private final Lane<T> lane;

	private final Lanes<T> owner;

	private final WaitStrategy waitStrategy;

	/** {@code System.nanoTime()} when a PARK worker started yielding; read and written by this thread only. */
	private long yieldingSince;

	/**
	 * How long a PARK worker keeps yielding, counted from when it started, before it parks: between
	 * {@link #MIN_YIELD_NANOS} and {@link #MAX_YIELD_NANOS}, adapted to the gaps between events as the KVM
	 * hypervisor adapts its halt polling. A park that a publisher ends within {@link #MAX_YIELD_NANOS} of the
	 * start of yielding doubles it (the event would have found the worker awake, without the tens of
	 * microseconds a wake-up costs, had it yielded a little longer); a park that lasts longer halves it (no window
	 * it may take would have caught that event). So a lane whose events come closer together than the longest
	 * window stops parking between them, and a lane whose events are farther apart, or that has none, parks
	 * after the shortest window. Written by this thread only (tests read it from theirs, racily, through
	 * {@link #yieldWindowNanos()}).
	 */
	private long yieldWindowNanos = MIN_YIELD_NANOS;

	LaneWorkerThread(Lane<T> lane, Lanes<T> owner, WaitStrategy waitStrategy, String name,
			ClassLoader contextClassLoader) {
		// inheritThreadLocals = false: a worker must not capture the inheritable thread-locals (test recorders,
		// security or tracing context) of whichever publisher happened to start the lanes.
		super(null, null, name, 0, false);
		this.lane = lane;
		this.owner = owner;
		this.waitStrategy = waitStrategy;
		setDaemon(true);
		setContextClassLoader(contextClassLoader);
	}

	@Override
	public void run() {
		try {
			consumeWhileRunning();
		}
		finally {
			deliverRemainder();
		}
	}

	/** Holds the consumer claim (owned since the lane was built) and drains batches until the lanes stop. */
	private void consumeWhileRunning() {
		Lane<T> lane = this.lane;
		lane.setWorkerState(WorkerState.RUNNING);
		int idleRounds = 0;
		while (!this.owner.isStopping()) {
			if (idleRounds != 0 && !lane.isEmpty()) {
				// Report RUNNING before the handler runs, not after the batch: a handler may take long.
				idleRounds = 0;
				lane.setWorkerState(WorkerState.RUNNING);
			}
			if (lane.consumeBatch() > 0) {
				continue;
			}
			if (idleRounds == 0) {
				lane.setWorkerState(WorkerState.IDLE);
			}
			idle(idleRounds);
			if (idleRounds < Integer.MAX_VALUE) {
				idleRounds++;
			}
		}
	}

	private void idle(int idleRounds) {
		switch (this.waitStrategy) {
			case SPIN -> Thread.onSpinWait();
			case YIELD -> Thread.yield();
			case BLOCK -> this.lane.park();
			case PARK -> {
				if (idleRounds < PARK_SPIN_ROUNDS) {
					Thread.onSpinWait();
				}
				else if (idleRounds == PARK_SPIN_ROUNDS) {
					this.yieldingSince = System.nanoTime();
					Thread.yield();
				}
				else if (System.nanoTime() - this.yieldingSince < this.yieldWindowNanos) {
					Thread.yield();
				}
				else {
					this.lane.park();
					adaptYieldWindow(System.nanoTime() - this.yieldingSince);
				}
			}
		}
	}

	/** After a park that ended {@code sinceYielding} nanoseconds after the worker started yielding. */
	private void adaptYieldWindow(long sinceYielding) {
		if (sinceYielding < MAX_YIELD_NANOS) {
			this.yieldWindowNanos = Math.min(this.yieldWindowNanos * 2, MAX_YIELD_NANOS);
		}
		else {
			this.yieldWindowNanos = Math.max(this.yieldWindowNanos / 2, MIN_YIELD_NANOS);
		}
	}

	/** The current yield window of a PARK worker, in nanoseconds; for tests. */
	long yieldWindowNanos() {
		return this.yieldWindowNanos;
	}

	/**
	 * After the lanes stopped accepting: give up the claim and consume like any helper until the ring is empty.
	 * If another thread holds the claim, it is consuming and will drain what is left; wait for it (backing off)
	 * so that a finished worker means a drained lane. Stops early once shutdown abandons the rings: whoever then
	 * consumes counts instead of delivering.
	 */
	private void deliverRemainder() {
		Lane<T> lane = this.lane;
		lane.setWorkerState(WorkerState.DRAINING);
		lane.releaseClaim();
		// Terminates: no delivery is accepted once the lanes stop, bar those of publishers already past their state
		// check (finitely many), and the claim holder keeps consuming until the ring is empty.
		for (int round = 0; !this.owner.isAbandoning(); round++) {
			lane.helpDrain();
			if (lane.isEmpty()) {
				break;
			}
			// The stop protocol never interrupts a draining worker before abandoning (checked by the loop), so
			// an interrupt here comes from a handler and must not turn the back-off into a busy loop.
			Thread.interrupted();
			Lanes.backOff(round);
		}
		if (this.owner.isAbandoning()) {
			lane.helpDrain();
		}
		lane.setWorkerState(WorkerState.STOPPED);
	}

}
