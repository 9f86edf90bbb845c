package dev.lockfree.events.stats;

import java.util.concurrent.TimeUnit;

/**
 * Sampled timings: how many samples were taken, their total and their maximum, in nanoseconds.
 *
 * @param count samples taken
 * @param totalNanos sum of the samples
 * @param maxNanos largest sample
 */
public record TimingStatistics(long count, long totalNanos, long maxNanos) {

	public static final TimingStatistics NONE = new TimingStatistics(0, 0, 0);

	/** The mean sample in the given unit, 0 when there is none. */
	public double mean(TimeUnit unit) {
		return (this.count == 0) ? 0.0 : (double) this.totalNanos / this.count / unit.toNanos(1);
	}

	/** The total in the given unit. */
	public double total(TimeUnit unit) {
		return (double) this.totalNanos / unit.toNanos(1);
	}

	/** The maximum in the given unit. */
	public double max(TimeUnit unit) {
		return (double) this.maxNanos / unit.toNanos(1);
	}

}
