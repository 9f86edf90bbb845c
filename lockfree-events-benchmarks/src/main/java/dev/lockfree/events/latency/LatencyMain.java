package dev.lockfree.events.latency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Publish-to-handled latency at a fixed rate, under the seed article's three load models, for our
 * multicaster in async mode beside Spring's async multicaster, the Disruptor and the no-hand-off floor
 * {@code direct} (see {@link LatencySubjects}):
 * <ul>
 * <li>{@code constant}: {@code --rate} events per second, evenly spaced, for {@code --duration};</li>
 * <li>{@code poisson}: Poisson arrivals at the same mean rate, for {@code --duration};</li>
 * <li>{@code stepped}: the rate of each of {@code --steps} in turn, {@code --step-duration} each, rising past
 * what the subjects sustain; here every overflow policy of ours runs too.</li>
 * </ul>
 * Before anything is measured, every subject of the run takes a turn of {@code --warmup} at the constant rate
 * (a warm-up round, discarded); then each subject runs another {@code --warmup} right before each of its
 * measured runs, also discarded. Each event goes to
 * {@code --listeners} listeners that record its latency from its intended send time (see {@link LatencyRun}),
 * and each model writes {@code latency-<model>.csv} to {@code --out} (columns: {@link LatencyRow#CSV_HEADER}).
 *
 * <pre class="code">
 * java -cp benchmarks.jar dev.lockfree.events.latency.LatencyMain [--out DIR] [--models constant,poisson,stepped]
 *     [--rate 20000] [--duration 10s] [--steps 25000,50000,...] [--step-duration 2s] [--warmup 2s]
 *     [--listeners 4] [--subjects a,b] [--max-backlog 1000000]
 * </pre>
 * The defaults take about four minutes.
 */
public final class LatencyMain {

	/** Default options; {@code --name value} overrides each. */
	static final Map<String, String> DEFAULTS = Map.of("out", "benchmark-results", "models",
			"constant,poisson,stepped", "rate", "20000", "duration", "10s", "steps",
			"25000,50000,100000,200000,400000,800000,1600000", "step-duration", "2s", "warmup", "2s", "listeners", "4",
			"subjects", "", "max-backlog", "1000000");

	/** Seed of the Poisson arrivals, so that every subject and every run sees the same ones. */
	static final long POISSON_SEED = 20261127L;

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

	private LatencyMain() {
	}

	public static void main(String[] args) throws IOException {
		Map<String, String> options = options(args);
		Path out = Path.of(options.get("out"));
		Files.createDirectories(out);
		long rate = Long.parseLong(options.get("rate"));
		long duration = nanos(options.get("duration"));
		long stepDuration = nanos(options.get("step-duration"));
		long warmup = nanos(options.get("warmup"));
		int listeners = Integer.parseInt(options.get("listeners"));
		long maxBacklog = Long.parseLong(options.get("max-backlog"));
		List<Long> steps = Arrays.stream(options.get("steps").split(",")).map(String::trim).map(Long::valueOf).toList();
		List<String> only = options.get("subjects").isBlank() ? List.of()
				: List.of(options.get("subjects").split(","));
		String[] models = options.get("models").split(",");
		if (warmup > 0) {
			warmUpRound(models, only, rate, warmup, listeners, maxBacklog);
		}
		for (String model : models) {
			List<String> subjects = subjects(model, only);
			List<LatencyRow> rows = new ArrayList<>();
			for (String subject : subjects) {
				if (warmup > 0) {
					new LatencyRun(subject, listeners, maxBacklog, DRAIN_TIMEOUT.toNanos())
						.run(LoadSchedule.constant(rate, warmup));
				}
				LoadSchedule schedule = switch (model) {
					case "constant" -> LoadSchedule.constant(rate, duration);
					case "poisson" -> LoadSchedule.poisson(rate, duration, POISSON_SEED);
					case "stepped" -> LoadSchedule.stepped(steps, stepDuration);
					default -> throw new IllegalArgumentException("Unknown load model: " + model);
				};
				List<LatencyRow> result = new LatencyRun(subject, listeners, maxBacklog, DRAIN_TIMEOUT.toNanos())
					.run(schedule);
				result.forEach(LatencyMain::print);
				rows.addAll(result);
			}
			Path csv = out.resolve("latency-" + model + ".csv");
			write(csv, rows);
			System.out.println("Wrote " + csv + " (" + rows.size() + " rows)");
		}
	}

	/** The subjects of a model, in order, kept to {@code only} unless it is empty. */
	static List<String> subjects(String model, List<String> only) {
		List<String> subjects = new ArrayList<>(
				model.equals("stepped") ? LatencySubjects.PAST_SATURATION : LatencySubjects.BASELINE_COMPARISON);
		if (!only.isEmpty()) {
			subjects.retainAll(only);
		}
		return subjects;
	}

	/**
	 * Run every subject of the run once for {@code warmup} at the constant rate, discarded, before any subject
	 * is measured: the JIT compiles the publisher's loop, the recorder and the code every subject shares (and
	 * the compiler threads quieten) during this round, so that the first subject measured is not the one that
	 * pays for it. Without it the first subject's p99 came out several times its p99 in a later run of the same
	 * JVM (on 2 cores the compiler threads take CPU from the publisher and the consumers).
	 */
	private static void warmUpRound(String[] models, List<String> only, long rate, long warmup, int listeners,
			long maxBacklog) {
		Set<String> all = new LinkedHashSet<>();
		for (String model : models) {
			all.addAll(subjects(model, only));
		}
		for (String subject : all) {
			new LatencyRun(subject, listeners, maxBacklog, DRAIN_TIMEOUT.toNanos()).run(LoadSchedule.constant(rate, warmup));
		}
	}

	/** Write rows as CSV, header first. */
	static void write(Path csv, List<LatencyRow> rows) throws IOException {
		StringBuilder text = new StringBuilder(LatencyRow.CSV_HEADER).append('\n');
		for (LatencyRow row : rows) {
			text.append(row.toCsv()).append('\n');
		}
		Files.writeString(csv, text, StandardCharsets.UTF_8);
	}

	private static void print(LatencyRow row) {
		System.out.printf(Locale.ROOT,
				"%-8s %-20s step %d  target %,9d/s  achieved %,11.0f/s  p50 %,10.1f µs  p99 %,10.1f µs  "
						+ "p99.9 %,10.1f µs  max %,11.1f µs  sent %,d  rejected %,d  unsent %,d  lost %,d  %s%n",
				row.model(), row.subject(), row.step(), row.targetRate(), row.achievedRate(), row.p50(), row.p99(),
				row.p999(), row.max(), row.sent(), row.rejected(), row.unsent(), row.lostDeliveries(), row.note());
	}

	/** The defaults overridden by {@code --name value} pairs. */
	static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>(DEFAULTS);
		for (int i = 0; i < args.length; i += 2) {
			String name = args[i].startsWith("--") ? args[i].substring(2) : null;
			if (name == null || !DEFAULTS.containsKey(name) || i + 1 >= args.length) {
				throw new IllegalArgumentException("Expected one of --" + String.join(", --", DEFAULTS.keySet())
						+ " followed by a value, found: " + args[i]);
			}
			options.put(name, args[i + 1]);
		}
		return options;
	}

	/** A duration such as {@code 10s}, {@code 500ms} or {@code 2m}, in nanoseconds. */
	static long nanos(String text) {
		String value = text.trim().toLowerCase(Locale.ROOT);
		if (value.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2))).toNanos();
		}
		if (value.endsWith("s")) {
			return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000))
				.toNanos();
		}
		if (value.endsWith("m")) {
			return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1))).toNanos();
		}
		throw new IllegalArgumentException("Expected a duration such as 10s, 500ms or 2m, found: " + text);
	}

}
