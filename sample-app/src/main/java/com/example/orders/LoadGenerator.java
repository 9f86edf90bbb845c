package com.example.orders;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Publishes a burst of {@link LoadProbe} events from several threads and measures, with HdrHistogram, how long
 * each {@code publishEvent} call took and how long each event took from publishing to being handled by
 * {@link #handled(LoadProbe)} (asynchronous by configuration, like any listener here). One run at a time.
 */
@Component
public class LoadGenerator {

	/** Largest burst accepted. */
	public static final int MAX_EVENTS = 10_000_000;

	/** Most publisher threads accepted. */
	public static final int MAX_THREADS = 64;

	private static final Duration HANDLING_TIMEOUT = Duration.ofSeconds(30);

	private final ApplicationEventPublisher events;

	private final AtomicReference<LoadRun> current = new AtomicReference<>();

	private final AtomicLong runIds = new AtomicLong();

	public LoadGenerator(ApplicationEventPublisher events) {
		this.events = events;
	}

	/**
	 * Publish {@code events} probes from {@code threads} threads and wait (at most 30 seconds after the last
	 * publish) until the listener has handled them.
	 * @throws IllegalArgumentException when a count is out of range
	 * @throws IllegalStateException when another run is in progress
	 */
	public LoadReport run(int events, int threads) throws InterruptedException {
		if (events < 1 || events > MAX_EVENTS) {
			throw new IllegalArgumentException("events must be from 1 to " + MAX_EVENTS + ", not " + events);
		}
		if (threads < 1 || threads > MAX_THREADS || threads > events) {
			throw new IllegalArgumentException(
					"threads must be from 1 to " + Math.min(MAX_THREADS, events) + ", not " + threads);
		}
		LoadRun run = new LoadRun(this.runIds.incrementAndGet(), events);
		if (!this.current.compareAndSet(null, run)) {
			throw new IllegalStateException("a load run is in progress; try again when it has finished");
		}
		try {
			return measure(run, events, threads);
		}
		finally {
			this.current.set(null);
		}
	}

	private LoadReport measure(LoadRun run, int events, int threads) throws InterruptedException {
		CountDownLatch go = new CountDownLatch(1);
		List<Publisher> publishers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			int share = events / threads + ((i < events % threads) ? 1 : 0);
			Publisher publisher = new Publisher(run, share, go);
			publisher.thread = new Thread(publisher, "load-publisher-" + i);
			publisher.thread.start();
			publishers.add(publisher);
		}
		long start = System.nanoTime();
		go.countDown();
		Histogram publishLatency = new Histogram(3);
		for (Publisher publisher : publishers) {
			publisher.thread.join();
			publishLatency.add(publisher.latency);
		}
		long published = System.nanoTime();
		run.remaining.await(HANDLING_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
		long finished = System.nanoTime();
		long rejected = run.rejected.sum();
		long handled = events - rejected - run.remaining.getCount();
		return new LoadReport(events, threads, handled, rejected, seconds(published - start), seconds(finished - start),
				perSecond(events - rejected, published - start), perSecond(handled, finished - start),
				Percentiles.of(publishLatency), Percentiles.of(run.publishToHandled.getIntervalHistogram()));
	}

	/** Records how long the probe took from publishing to here. */
	@EventListener
	public void handled(LoadProbe probe) {
		LoadRun run = this.current.get();
		if (run != null && run.id == probe.runId()) {
			run.publishToHandled.recordValue(System.nanoTime() - probe.publishedAtNanos());
			run.remaining.countDown();
		}
	}

	private static double seconds(long nanos) {
		return Math.round(nanos / 1e6) / 1e3;
	}

	private static long perSecond(long count, long nanos) {
		return (nanos > 0) ? Math.round(count * 1e9 / nanos) : 0;
	}

	/**
	 * The event a load run publishes.
	 *
	 * @param runId the run it belongs to
	 * @param publishedAtNanos {@link System#nanoTime()} just before it was published
	 */
	public record LoadProbe(long runId, long publishedAtNanos) {
	}

	/**
	 * What a load run measured.
	 *
	 * @param events events requested
	 * @param threads publisher threads
	 * @param handled events the listener handled within the timeout
	 * @param rejected publishes that threw (the {@code fail} overflow policy)
	 * @param publishSeconds time until the last publish returned
	 * @param totalSeconds time until the last event was handled (or the timeout)
	 * @param publishedPerSecond events published per second
	 * @param handledPerSecond events handled per second, publishing to handling
	 * @param publishMicros latency of the {@code publishEvent} call
	 * @param publishToHandledMicros latency from just before {@code publishEvent} to the listener
	 */
	public record LoadReport(int events, int threads, long handled, long rejected, double publishSeconds,
			double totalSeconds, long publishedPerSecond, long handledPerSecond, Percentiles publishMicros,
			Percentiles publishToHandledMicros) {
	}

	/**
	 * Percentiles of a latency histogram, in microseconds.
	 *
	 * @param count values recorded
	 * @param p50 median
	 * @param p90 90th percentile
	 * @param p99 99th percentile
	 * @param p999 99.9th percentile
	 * @param max largest value
	 */
	public record Percentiles(long count, double p50, double p90, double p99, double p999, double max) {

		static Percentiles of(Histogram nanos) {
			return new Percentiles(nanos.getTotalCount(), micros(nanos.getValueAtPercentile(50)),
					micros(nanos.getValueAtPercentile(90)), micros(nanos.getValueAtPercentile(99)),
					micros(nanos.getValueAtPercentile(99.9)), micros(nanos.getMaxValue()));
		}

		private static double micros(long nanos) {
			return Math.round(nanos / 100.0) / 10.0;
		}

	}

	private static final class LoadRun {

		final long id;

		final CountDownLatch remaining;

		final LongAdder rejected = new LongAdder();

		final Recorder publishToHandled = new Recorder(3);

		LoadRun(long id, int events) {
			this.id = id;
			this.remaining = new CountDownLatch(events);
		}

	}

	private final class Publisher implements Runnable {

		final LoadRun run;

		final int events;

		final CountDownLatch go;

		final Histogram latency = new Histogram(3);

		Thread thread;

		Publisher(LoadRun run, int events, CountDownLatch go) {
			this.run = run;
			this.events = events;
			this.go = go;
		}

		@Override
		public void run() {
			try {
				this.go.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			ApplicationEventPublisher publisher = LoadGenerator.this.events;
			for (int i = 0; i < this.events; i++) {
				long start = System.nanoTime();
				try {
					publisher.publishEvent(new LoadProbe(this.run.id, start));
				}
				catch (RuntimeException ex) {
					this.run.rejected.increment();
					this.run.remaining.countDown();
				}
				this.latency.recordValue(System.nanoTime() - start);
			}
		}

	}

}
