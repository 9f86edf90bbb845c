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
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Publish-to-handled latency at a fixed rate, under the seed article's three load models, for our
 * multicaster in async mode beside Spring's async multicaster, the Disruptor and the no-hand-off floor
 * {@code direct} (see {@link LatencySubjects}):
 * <ul>
 * <li>{@code constant}: {@code --rate} events per second, evenly spaced, for {@code --duration} per subject;</li>
 * <li>{@code poisson}: Poisson arrivals at the same mean rate, for {@code --duration} per subject;</li>
 * <li>{@code stepped}: the rate of each of {@code --steps} in turn, {@code --step-duration} each, rising past
 * what the subjects sustain; here every overflow policy of ours runs too.</li>
 * </ul>
 * Before anything is measured, every subject of the run takes a turn of {@code --warmup} at the constant rate
 * (a warm-up round, discarded).
 *
 * <p>The single-rate models ({@code constant}, {@code poisson}) split each subject's {@code --duration} into
 * {@code --rounds} rounds: in each round every subject in turn, in the same order, runs
 * {@code --round-warmup} at the constant rate (discarded) then {@code duration / rounds} measured, and each
 * subject's rounds are then {@link LatencyResult#merge merged} into one row. On a small shared machine the
 * stalls come and go over seconds: subjects measured one after the other for the whole duration each saw
 * other stalls, and the ratio of their p99s swung from run to run; interleaved, every subject is measured
 * across the same stretch of time. The Poisson arrivals of a round come from {@link #POISSON_SEED} plus the
 * round's index, the same for every subject. The {@code stepped} model, whose steps must follow each other,
 * runs each subject once, after another {@code --warmup} of its own (discarded).
 *
 * <p>Each event goes to {@code --listeners} listeners that record its latency from its intended send time (see
 * {@link LatencyRun}), and each model writes {@code latency-<model>.csv} to {@code --out} (columns:
 * {@link LatencyRow#CSV_HEADER}), one row per subject (and per step of {@code stepped}); each round of each
 * subject is printed too, to show how steady it was, and written to {@code latency-<model>-rounds.csv}
 * (columns: {@link LatencyRoundRow#CSV_HEADER}).
 *
 * <pre class="code">
 * java -cp benchmarks.jar dev.lockfree.events.latency.LatencyMain [--out DIR] [--models constant,poisson,stepped]
 *     [--rate 20000] [--duration 10s] [--rounds 5] [--round-warmup 500ms] [--steps 25000,50000,...]
 *     [--step-duration 2s] [--warmup 2s] [--listeners 4] [--subjects a,b] [--max-backlog 1000000]
 * </pre>
 * The defaults take about four minutes: the warm-up round (7 subjects of 2 s), {@code constant} and
 * {@code poisson} (4 subjects times 5 rounds of 0.5 s + 2 s each, about 50 s per model) and {@code stepped} (7
 * subjects of 2 s + 14 s).
 */
public final class LatencyMain {

	/** Default options; {@code --name value} overrides each. */
	static final Map<String, String> DEFAULTS = Map.ofEntries(Map.entry("out", "benchmark-results"),
			Map.entry("models", "constant,poisson,stepped"), Map.entry("rate", "20000"), Map.entry("duration", "10s"),
			Map.entry("rounds", "5"), Map.entry("round-warmup", "500ms"),
			Map.entry("steps", "25000,50000,100000,200000,400000,800000,1600000"), Map.entry("step-duration", "2s"),
			Map.entry("warmup", "2s"), Map.entry("listeners", "4"), Map.entry("subjects", ""),
			Map.entry("max-backlog", "1000000"));

	/**
	 * Seed of the Poisson arrivals of the first round, plus one for each later round, so that every subject and
	 * every run sees the same ones.
	 */
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
		int rounds = Integer.parseInt(options.get("rounds"));
		long roundWarmup = nanos(options.get("round-warmup"));
		if (rounds < 1 || duration / rounds <= 0) {
			throw new IllegalArgumentException("Expected --rounds of 1 or more, into which --duration splits, found "
					+ rounds + " rounds of " + options.get("duration"));
		}
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
			List<LatencyRoundRow> roundRows = new ArrayList<>();
			List<LatencyRow> rows = switch (model) {
				case "constant" -> interleaved(subjects, (round) -> LoadSchedule.constant(rate, duration / rounds),
						rounds, roundWarmup, listeners, maxBacklog, roundRows);
				case "poisson" -> interleaved(subjects,
						(round) -> LoadSchedule.poisson(rate, duration / rounds, POISSON_SEED + round), rounds,
						roundWarmup, listeners, maxBacklog, roundRows);
				case "stepped" -> oneAfterAnother(subjects, () -> LoadSchedule.stepped(steps, stepDuration), rate,
						warmup, listeners, maxBacklog);
				default -> throw new IllegalArgumentException("Unknown load model: " + model);
			};
			if (!roundRows.isEmpty()) {
				Path roundsCsv = out.resolve("latency-" + model + "-rounds.csv");
				writeRounds(roundsCsv, roundRows);
				System.out.println("Wrote " + roundsCsv + " (" + roundRows.size() + " rows)");
			}
			Path csv = out.resolve("latency-" + model + ".csv");
			write(csv, rows);
			System.out.println("Wrote " + csv + " (" + rows.size() + " rows)");
		}
	}

	/**
	 * Measure the subjects in {@code rounds} interleaved rounds and return one row per subject (per step),
	 * in the order of {@code subjects}: in each round, every subject in turn runs {@code roundWarmupNanos} at
	 * the schedule's first rate (discarded) then the round's schedule; then each subject's rounds are merged.
	 * Prints each subject's row of each round, then the merged rows.
	 * @param scheduleOfRound the schedule of each round, from round 0; called once per subject per round, so
	 * it must return a fresh schedule, the same for every subject of the round
	 * @param roundRows where each subject's rows of each round are added, round by round, in the order run
	 */
	static List<LatencyRow> interleaved(List<String> subjects, IntFunction<LoadSchedule> scheduleOfRound, int rounds,
			long roundWarmupNanos, int listeners, long maxBacklog, List<LatencyRoundRow> roundRows) {
		if (rounds < 1) {
			throw new IllegalArgumentException("Expected 1 round or more, found " + rounds);
		}
		Map<String, LatencyResult> merged = new LinkedHashMap<>();
		String model = "";
		for (int round = 0; round < rounds; round++) {
			for (String subject : subjects) {
				LoadSchedule schedule = scheduleOfRound.apply(round);
				model = schedule.model();
				if (roundWarmupNanos > 0) {
					new LatencyRun(subject, listeners, maxBacklog, DRAIN_TIMEOUT.toNanos())
						.run(LoadSchedule.constant(schedule.stepRates().get(0), roundWarmupNanos));
				}
				LatencyResult result = new LatencyRun(subject, listeners, maxBacklog, DRAIN_TIMEOUT.toNanos())
					.measure(schedule);
				String label = roundLabel(model, round, rounds);
				int number = round + 1;
				result.rows().forEach((row) -> {
					print(label, row);
					roundRows.add(new LatencyRoundRow(number, row));
				});
				merged.merge(subject, result, LatencyResult::merge);
			}
		}
		String label = String.format(Locale.ROOT, "%-" + roundLabel(model, 0, rounds).length() + "s", model);
		List<LatencyRow> rows = new ArrayList<>();
		for (LatencyResult result : merged.values()) {
			List<LatencyRow> subjectRows = result.rows();
			subjectRows.forEach((row) -> print(label, row));
			rows.addAll(subjectRows);
		}
		return rows;
	}

	/** {@code constant round 2/5}: the rounds numbered from 1, padded so that the labels of a run line up. */
	private static String roundLabel(String model, int round, int rounds) {
		return String.format(Locale.ROOT, "%s round %" + Integer.toString(rounds).length() + "d/%d", model, round + 1,
				rounds);
	}

	/**
	 * Measure each subject once, one after the other, each after a warm-up of its own at {@code warmupRate}
	 * (discarded), and return their rows; print them.
	 * @param schedule a fresh schedule for each subject
	 */
	private static List<LatencyRow> oneAfterAnother(List<String> subjects, Supplier<LoadSchedule> schedule,
			long warmupRate, long warmupNanos, int listeners, long maxBacklog) {
		List<LatencyRow> rows = new ArrayList<>();
		for (String subject : subjects) {
			if (warmupNanos > 0) {
				new LatencyRun(subject, listeners, maxBacklog, DRAIN_TIMEOUT.toNanos())
					.run(LoadSchedule.constant(warmupRate, warmupNanos));
			}
			List<LatencyRow> result = new LatencyRun(subject, listeners, maxBacklog, DRAIN_TIMEOUT.toNanos())
				.run(schedule.get());
			result.forEach((row) -> print(row.model(), row));
			rows.addAll(result);
		}
		return rows;
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

	/** Print a row, labelled with its model (and round). */
	/** Write the rows of each round as CSV, header first. */
	static void writeRounds(Path csv, List<LatencyRoundRow> rows) throws IOException {
		StringBuilder text = new StringBuilder(LatencyRoundRow.CSV_HEADER).append('\n');
		for (LatencyRoundRow row : rows) {
			text.append(row.toCsv()).append('\n');
		}
		Files.writeString(csv, text, StandardCharsets.UTF_8);
	}

	private static void print(String label, LatencyRow row) {
		System.out.printf(Locale.ROOT,
				"%-8s %-20s step %d  target %,9d/s  achieved %,11.0f/s  p50 %,10.1f µs  p99 %,10.1f µs  "
						+ "p99.9 %,10.1f µs  max %,11.1f µs  sent %,d  rejected %,d  unsent %,d  lost %,d  %s%n",
				label, row.subject(), row.step(), row.targetRate(), row.achievedRate(), row.p50(), row.p99(),
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
