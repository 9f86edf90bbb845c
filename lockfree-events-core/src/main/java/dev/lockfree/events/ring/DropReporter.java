package dev.lockfree.events.ring;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs the deliveries one lane dropped, at most one WARN line a second, each saying how many were dropped since
 * the line before. Off the fast path: only full lanes under {@link dev.lockfree.events.OverflowPolicy#DROP} get
 * here.
 */
final class DropReporter {

	private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final Log logger = LogFactory.getLog(Lanes.class);

	private final int lane;

	private final int capacity;

	/** Drops not yet reported; {@code getAndSet(0)} hands them to exactly one report. */
	private final AtomicLong unreported = new AtomicLong();

	/** Earliest {@link System#nanoTime()} of the next report; the CAS that moves it elects the reporter. */
	private final AtomicLong nextReportNanos;

	DropReporter(int lane, int capacity) {
		this.lane = lane;
		this.capacity = capacity;
		this.nextReportNanos = new AtomicLong(System.nanoTime());
	}

	/** Count one dropped delivery, and report if the last report is at least a second old. */
	void dropped() {
		this.unreported.incrementAndGet();
		long now = System.nanoTime();
		long next = this.nextReportNanos.get();
		// One CAS attempt: a loser's drop is reported by the winner or by the next report.
		if (now - next >= 0 && this.nextReportNanos.compareAndSet(next, now + INTERVAL_NANOS)) {
			report();
		}
	}

	/** Report drops not reported yet, whatever the time (on shutdown). */
	void flush() {
		report();
	}

	private void report() {
		long count = this.unreported.getAndSet(0);
		if (count > 0 && logger.isWarnEnabled()) {
			logger.warn("Dropped " + count + " deliveries since the last report: lane " + this.lane
					+ " is full (capacity " + this.capacity + ") and lockfree.events.ring.overflow is 'drop'");
		}
	}

}
