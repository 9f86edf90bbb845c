package dev.lockfree.events.latency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How often this machine stops a thread that never gives up its core, with one such thread and with as many as
 * there are cores: the stalls that no dispatcher causes and every latency figure contains.
 *
 * <p>Each probe thread reads {@code System.nanoTime()} in a loop for the whole probe and counts the gaps between
 * two consecutive reads that are longer than {@link #LIMITS}: time in which the thread did not run (preempted by
 * the guest's scheduler for another thread, or its virtual CPU stopped by the host). With one busy thread the
 * other cores are free for everything else the machine runs; with a busy thread per core they are not, and on a
 * virtual machine whose host stops a virtual CPU that never idles, stalls of a millisecond and more appear
 * only then. A latency subject that keeps every core busy (a paced publisher that never sleeps and workers that
 * yield between events) shares those stalls; one that parks its workers pays for a wake-up instead.
 *
 * <pre class="code">
 * java -cp benchmarks.jar dev.lockfree.events.latency.MachineStalls [FILE] [SECONDS]
 * </pre>
 * Writes a table to {@code FILE} (default {@code machine-stalls.txt}) and to standard output; each probe runs
 * {@code SECONDS} (default 5).
 */
public final class MachineStalls {

	/** The gaps counted: at least 10 µs, 100 µs, 1 ms and 5 ms. */
	static final long[] LIMITS = { 10_000, 100_000, 1_000_000, 5_000_000 };

	private MachineStalls() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		Path file = Path.of((args.length > 0) ? args[0] : "machine-stalls.txt");
		long nanos = TimeUnit.SECONDS.toNanos((args.length > 1) ? Long.parseLong(args[1]) : 5);
		int cores = Runtime.getRuntime().availableProcessors();
		List<String> lines = new ArrayList<>();
		lines.add(String.format(Locale.ROOT, "Machine stalls (dev.lockfree.events.latency.MachineStalls), %d s per "
				+ "probe, %d cores: gaps in a thread that reads the clock in a loop", nanos / 1_000_000_000L, cores));
		lines.add(header());
		for (int threads : (cores > 1) ? new int[] { 1, cores } : new int[] { 1 }) {
			List<Probe> probes = probe(threads, nanos);
			for (int i = 0; i < probes.size(); i++) {
				lines.add(probes.get(i).line(threads, i));
			}
		}
		String text = String.join("\n", lines) + "\n";
		System.out.print(text);
		Files.writeString(file, text, StandardCharsets.UTF_8);
	}

	/** Run {@code threads} busy probes at once for {@code nanos}; their counts, one per thread. */
	static List<Probe> probe(int threads, long nanos) throws InterruptedException {
		List<Probe> probes = new ArrayList<>();
		List<Thread> running = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			Probe probe = new Probe(nanos);
			probes.add(probe);
			Thread thread = new Thread(probe, "machine-stalls-" + i);
			thread.setDaemon(true);
			running.add(thread);
		}
		running.forEach(Thread::start);
		for (Thread thread : running) {
			thread.join();
		}
		return probes;
	}

	private static String header() {
		StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-14s %-7s", "busy threads", "thread"));
		for (long limit : LIMITS) {
			header.append(String.format(Locale.ROOT, " %12s", "gaps >= " + micros(limit)));
		}
		return header.append(String.format(Locale.ROOT, " %20s %12s", "time in gaps>=100us", "longest")).toString();
	}

	private static String micros(long nanos) {
		return (nanos >= 1_000_000) ? (nanos / 1_000_000) + "ms" : (nanos / 1_000) + "us";
	}

	/** One busy thread's count of gaps, by {@link #LIMITS}. */
	static final class Probe implements Runnable {

		private final long nanos;

		final long[] gaps = new long[LIMITS.length];

		/** Nanoseconds spent in gaps of at least 100 µs. */
		long stalledNanos;

		long longestNanos;

		long measuredNanos;

		Probe(long nanos) {
			this.nanos = nanos;
		}

		@Override
		public void run() {
			long start = System.nanoTime();
			long previous = start;
			while (previous - start < this.nanos) {
				long now = System.nanoTime();
				long gap = now - previous;
				previous = now;
				if (gap >= LIMITS[0]) {
					record(gap);
				}
			}
			this.measuredNanos = previous - start;
		}

		/** Count one gap between two reads of the clock. */
		void record(long gap) {
			for (int i = 0; i < LIMITS.length && gap >= LIMITS[i]; i++) {
				this.gaps[i]++;
			}
			if (gap >= LIMITS[1]) {
				this.stalledNanos += gap;
			}
			this.longestNanos = Math.max(this.longestNanos, gap);
		}

		/** This probe's counts as a line of the table: it was thread {@code index} of {@code threads}. */
		String line(int threads, int index) {
			StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-14d %-7d", threads, index));
			for (long count : this.gaps) {
				line.append(String.format(Locale.ROOT, " %12d", count));
			}
			return line.append(String.format(Locale.ROOT, " %18.2f %% %9.2f ms",
					100.0 * this.stalledNanos / Math.max(1, this.measuredNanos), this.longestNanos / 1e6))
				.toString();
		}

	}

}
