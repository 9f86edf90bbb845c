package dev.lockfree.events.stats;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Accumulates sampled durations: count and total in striped adders, maximum in an atomic raised by CAS.
 *
 * <p>Callers decide when to sample; recording is off the per-event fast path. The maximum's CAS loop ends
 * when the stored value is at least the sample, and each failed CAS means another thread raised it, so it
 * retries at most once per concurrent larger-or-equal raise.
 */
public final class SampledTimer {

	private final LongAdder count = new LongAdder();

	private final LongAdder totalNanos = new LongAdder();

	private final AtomicLong maxNanos = new AtomicLong();

	public void record(long nanos) {
		if (nanos < 0) {
			return;
		}
		this.count.increment();
		this.totalNanos.add(nanos);
		long max = this.maxNanos.get();
		while (nanos > max && !this.maxNanos.compareAndSet(max, nanos)) {
			max = this.maxNanos.get();
		}
	}

	public TimingStatistics snapshot() {
		return new TimingStatistics(this.count.sum(), this.totalNanos.sum(), this.maxNanos.get());
	}

}
