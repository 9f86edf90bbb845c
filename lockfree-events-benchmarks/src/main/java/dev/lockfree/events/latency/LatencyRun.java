package dev.lockfree.events.latency;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.springframework.context.ApplicationListener;

import dev.lockfree.events.RejectedEventException;
import dev.lockfree.events.support.AsyncSubject;
import dev.lockfree.events.support.MeasuredEvent;

/**
 * One subject under one load schedule: a single publisher thread sends each event at its intended time (or
 * at once, if it is late), to {@code listeners} listeners that record publish-to-handled latency, then waits
 * for the subject to drain.
 *
 * <p>No coordinated omission: each latency counts from the intended send time, so time a publisher spends
 * held up by a full ring, or behind schedule, is in the latencies of the events it delayed; events still
 * unsent when the run ends are recorded at the delay they had reached. Two bounds keep a saturated run
 * finite: the publisher stops at the end of the schedule even if it is behind, and stops early (note
 * {@code backlog}) if more than {@code maxBacklog} deliveries are queued in a subject with an unbounded queue
 * ({@link LatencySubjects#queuesWithoutBound}).
 */
final class LatencyRun {

	/** How long the publisher parks when the next event is far off; closer than twice this, it yields. */
	private static final long PARK_NANOS = 100_000;

	/** The drain ends when no delivery was handled for this long. */
	private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

	private final String subject;

	private final int listeners;

	private final long maxBacklog;

	private final long drainTimeoutNanos;

	/**
	 * @param subject the subject's name (see {@link LatencySubjects})
	 * @param listeners listeners of the published event
	 * @param maxBacklog most deliveries sent but not handled before the run stops early
	 * @param drainTimeoutNanos longest wait for queued deliveries once the publisher has stopped
	 */
	LatencyRun(String subject, int listeners, long maxBacklog, long drainTimeoutNanos) {
		this.subject = subject;
		this.listeners = listeners;
		this.maxBacklog = maxBacklog;
		this.drainTimeoutNanos = drainTimeoutNanos;
	}

	/** Run the schedule and return one row per step. */
	List<LatencyRow> run(LoadSchedule schedule) {
		return measure(schedule).rows();
	}

	/**
	 * Run the schedule and return what it measured, step by step, as histograms and counts that can be
	 * {@link LatencyResult#merge merged} with those of other runs of the same subject.
	 */
	LatencyResult measure(LoadSchedule schedule) {
		int steps = schedule.steps();
		LatencyRecorder recorder = new LatencyRecorder(schedule.stepNanos(), steps);
		@SuppressWarnings("unchecked")
		ApplicationListener<MeasuredEvent>[] targets = new ApplicationListener[this.listeners];
		for (int i = 0; i < this.listeners; i++) {
			targets[i] = recorder.listener();
		}
		long[] sent = new long[steps];
		long[] rejected = new long[steps];
		long[] unsent = new long[steps];
		int stoppedAtStep = steps;
		long drainEnd;
		AsyncSubject dispatcher = LatencySubjects.create(this.subject, targets);
		try {
			long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
			long duration = schedule.durationNanos();
			long stop = start + duration;
			recorder.start(start);
			long published = 0;
			boolean unbounded = LatencySubjects.queuesWithoutBound(this.subject);
			while (true) {
				long offset = schedule.nextOffset();
				if (offset >= duration) {
					break;
				}
				int step = (int) Math.min(offset / schedule.stepNanos(), steps - 1);
				long intended = start + offset;
				long now = awaitTime(intended);
				if (now - stop >= 0) {
					countUnsent(schedule, recorder, unsent, offset, start, now, duration);
					break;
				}
				try {
					dispatcher.publish(new MeasuredEvent(this, 0, intended));
					sent[step]++;
				}
				catch (RejectedEventException ex) {
					rejected[step]++;
				}
				if ((++published & 1023) == 0 && unbounded
						&& published * this.listeners - recorder.handledTotal() > this.maxBacklog) {
					stoppedAtStep = step;
					break;
				}
			}
			drainEnd = drain(recorder, total(sent) * this.listeners);
		}
		finally {
			dispatcher.close();
		}
		List<LatencyResult.Step> measured = new ArrayList<>(steps);
		for (int step = 0; step < steps; step++) {
			long windowStart = recorder.startNanos() + step * schedule.stepNanos();
			long windowEnd = (step == steps - 1) ? Math.max(drainEnd, windowStart + schedule.stepNanos())
					: windowStart + schedule.stepNanos();
			String note = (step > stoppedAtStep) ? "not run" : (step == stoppedAtStep) ? "backlog" : "";
			measured.add(new LatencyResult.Step(schedule.stepRates().get(step), recorder.latencies(step), sent[step],
					rejected[step], unsent[step], recorder.handled(step), windowEnd - windowStart, note));
		}
		return new LatencyResult(schedule.model(), this.subject, this.listeners, measured);
	}

	/** Wait until {@code intended} ({@code System.nanoTime()}); park when it is far, yield when close. */
	private static long awaitTime(long intended) {
		long now;
		while ((now = System.nanoTime()) - intended < 0) {
			long remaining = intended - now;
			if (remaining > 2 * PARK_NANOS) {
				LockSupport.parkNanos(remaining - PARK_NANOS);
			}
			else {
				Thread.yield();
			}
		}
		return now;
	}

	/** The publisher was still behind when the run ended: record every event due by now as unsent. */
	private void countUnsent(LoadSchedule schedule, LatencyRecorder recorder, long[] unsent, long firstOffset,
			long start, long now, long duration) {
		long offset = firstOffset;
		while (offset < duration && start + offset - now <= 0) {
			int step = (int) Math.min(offset / schedule.stepNanos(), unsent.length - 1);
			unsent[step]++;
			recorder.recordUnsent(start + offset, now, this.listeners);
			offset = schedule.nextOffset();
		}
	}

	/** Wait until every delivery is handled, no delivery was handled for a while, or the timeout; return when. */
	private long drain(LatencyRecorder recorder, long expected) {
		long begin = System.nanoTime();
		long lastCount = -1;
		long lastChange = begin;
		while (true) {
			long now = System.nanoTime();
			long count = recorder.handledTotal();
			if (count >= expected || now - begin > this.drainTimeoutNanos) {
				return now;
			}
			if (count != lastCount) {
				lastCount = count;
				lastChange = now;
			}
			else if (now - lastChange > QUIET_NANOS) {
				return lastChange;
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
	}

	private static long total(long[] counts) {
		long total = 0;
		for (long count : counts) {
			total += count;
		}
		return total;
	}

}
