package dev.lockfree.events.stats;

/**
 * One lane: its ring and its worker.
 *
 * @param index lane index, from 0
 * @param capacity ring capacity
 * @param size deliveries waiting in the ring now
 * @param workerState the worker thread's state: {@code NEW}, {@code RUNNING}, {@code IDLE}, {@code DRAINING}
 * or {@code STOPPED}
 * @param delivered deliveries the worker has taken from the ring
 * @param batches batches the worker has drained
 */
public record LaneStatistics(int index, int capacity, int size, String workerState, long delivered, long batches) {

	/** Free slots in the ring now. */
	public int remaining() {
		return Math.max(0, this.capacity - this.size);
	}

}
