package dev.lockfree.events.latency;

import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.AtomicHistogram;
import org.HdrHistogram.Histogram;
import org.springframework.context.ApplicationListener;

import dev.lockfree.events.support.MeasuredEvent;

/**
 * Where the listeners of a latency run record: for each step of the schedule, a histogram of
 * publish-to-handled latencies (by the step of the event's intended send time) and a count of deliveries
 * handled (by the step in which they were handled). Any thread may record; recording allocates nothing.
 *
 * <p>Each delivery's latency is {@code System.nanoTime()} when the listener runs minus the event's intended
 * send time, which the publisher puts in {@link MeasuredEvent#amount()} (in nanoseconds, on the
 * {@code System.nanoTime()} clock), so the same event class and baselines serve the throughput and latency
 * benchmarks.
 */
final class LatencyRecorder {

	/** Highest latency recorded exactly; longer ones are recorded as this. */
	static final long MAX_LATENCY_NANOS = 600_000_000_000L;

	/** Set by {@link #start} before the first event is published, which publishes it to the listeners. */
	private long startNanos;

	private final long stepNanos;

	private final AtomicHistogram[] latencies;

	/** Deliveries handled per step of handling time; the last step also counts those handled after the run. */
	private final LongAdder[] handled;

	LatencyRecorder(long stepNanos, int steps) {
		this.stepNanos = stepNanos;
		this.latencies = new AtomicHistogram[steps];
		for (int i = 0; i < steps; i++) {
			this.latencies[i] = new AtomicHistogram(MAX_LATENCY_NANOS, 3);
		}
		this.handled = new LongAdder[steps];
		for (int i = 0; i < steps; i++) {
			this.handled[i] = new LongAdder();
		}
	}

	/** Set the start of the run ({@code System.nanoTime()}); call it before publishing the first event. */
	void start(long startNanos) {
		this.startNanos = startNanos;
	}

	/** The start of the run, as set by {@link #start}. */
	long startNanos() {
		return this.startNanos;
	}

	/** Record one delivery of an event meant to be sent at {@code intendedNanos}, handled now. */
	void record(long intendedNanos) {
		long now = System.nanoTime();
		long latency = Math.min(Math.max(now - intendedNanos, 0), MAX_LATENCY_NANOS);
		this.latencies[stepOf(intendedNanos)].recordValue(latency);
		this.handled[stepOf(now)].increment();
	}

	/**
	 * Record a delivery that never happened because its event was never sent (the publisher was still held up
	 * when the run ended) at the least latency it would have had: until {@code stopNanos}.
	 */
	void recordUnsent(long intendedNanos, long stopNanos, int deliveries) {
		long latency = Math.min(Math.max(stopNanos - intendedNanos, 0), MAX_LATENCY_NANOS);
		this.latencies[stepOf(intendedNanos)].recordValueWithCount(latency, deliveries);
	}

	private int stepOf(long nanos) {
		long step = (nanos - this.startNanos) / this.stepNanos;
		return (int) Math.max(0, Math.min(step, this.latencies.length - 1));
	}

	/** Latencies of the events intended for one step. */
	Histogram latencies(int step) {
		return this.latencies[step].copy();
	}

	/** Deliveries handled during one step; for the last step, including those handled after the run. */
	long handled(int step) {
		return this.handled[step].sum();
	}

	/** All deliveries handled so far. */
	long handledTotal() {
		long total = 0;
		for (LongAdder adder : this.handled) {
			total += adder.sum();
		}
		return total;
	}

	/** A listener that records each delivery here. */
	ApplicationListener<MeasuredEvent> listener() {
		return new RecordingListener(this);
	}

	/** Records the latency of every event it receives; its only work. */
	private static final class RecordingListener implements ApplicationListener<MeasuredEvent> {

		private final LatencyRecorder recorder;

		RecordingListener(LatencyRecorder recorder) {
			this.recorder = recorder;
		}

		@Override
		public void onApplicationEvent(MeasuredEvent event) {
			this.recorder.record(event.amount());
		}

	}

}
