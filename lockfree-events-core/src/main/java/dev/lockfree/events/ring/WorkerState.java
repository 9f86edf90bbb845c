package dev.lockfree.events.ring;

/**
 * Life cycle of a lane worker, as reported by {@link dev.lockfree.events.stats.LaneStatistics#workerState()}.
 */
enum WorkerState {

	/** The thread has not been started. */
	NEW,

	/** Taking deliveries from the ring and handing them to the handler. */
	RUNNING,

	/** The ring was empty: spinning, yielding or parked, per the wait strategy. */
	IDLE,

	/** The lanes are stopping: delivering what the ring still holds, then exiting. */
	DRAINING,

	/** The thread has finished. */
	STOPPED;

	private static final WorkerState[] VALUES = values();

	static WorkerState ofOrdinal(int ordinal) {
		return VALUES[ordinal];
	}

}
