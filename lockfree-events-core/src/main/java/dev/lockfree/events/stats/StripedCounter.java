package dev.lockfree.events.stats;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A counter for many writer threads that also tells each writer, for free, when to take a sample.
 *
 * <p>Four stripes, each alone on its own 128-byte span of one {@link AtomicLongArray} so that writers on
 * different stripes never share a cache line (nor an adjacent-line prefetch pair). A writer picks its stripe by
 * its thread id, so threads with different ids modulo four never contend; threads that share a stripe stay
 * correct (an atomic add) and only slow each other down. {@link #incrementAndSample(int)} returns whether the
 * stripe's new count is a multiple of the sampling period: about one increment in that period is sampled,
 * without calling a random number generator on the hot path.
 *
 * <p>Memory ordering: increments are atomic read-modify-writes (volatile semantics); {@link #sum()} reads
 * each stripe with volatile semantics and is not atomic across stripes.
 */
public final class StripedCounter {

	private static final int STRIPES = 4;

	/** Longs per stripe: 16 longs are 128 bytes. */
	private static final int STRIDE = 16;

	private final AtomicLongArray cells = new AtomicLongArray(STRIPES * STRIDE + STRIDE);

	/** Add one. */
	public void increment() {
		this.cells.getAndIncrement(stripe());
	}

	/**
	 * Add one and tell whether this increment is sampled.
	 * @param sampleMask one less than the sampling period, a power of two (63: one in 64)
	 * @return whether the stripe's count before this increment was a multiple of the period
	 */
	public boolean incrementAndSample(int sampleMask) {
		return (this.cells.getAndIncrement(stripe()) & sampleMask) == 0;
	}

	public void add(long delta) {
		this.cells.getAndAdd(stripe(), delta);
	}

	/** The total; not atomic with respect to concurrent increments. */
	public long sum() {
		long sum = 0;
		for (int stripe = 0; stripe < STRIPES; stripe++) {
			sum += this.cells.get(STRIDE + stripe * STRIDE);
		}
		return sum;
	}

	private static int stripe() {
		// The first STRIDE longs are padding in front of stripe 0.
		return STRIDE + ((int) Thread.currentThread().getId() & (STRIPES - 1)) * STRIDE;
	}

}
