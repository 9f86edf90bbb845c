package dev.lockfree.events.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import dev.lockfree.events.latency.LatencyRoundRow;
import dev.lockfree.events.latency.LatencyRow;

/**
 * Issue 7's goals, judged from the measured results: each one is met, not met, or not measured (when the run
 * did not include the benchmark it needs). Nothing here is typed by hand: every figure comes from the JMH JSON
 * or the latency CSV.
 */
final class Goals {

	/** What a goal came to. */
	enum Status {

		MET("met"), NOT_MET("**not met**"), NOT_MEASURED("not measured");

		private final String text;

		Status(String text) {
			this.text = text;
		}

	}

	/**
	 * One goal.
	 * @param goal what is wanted
	 * @param measured the figures it was judged on
	 * @param status the verdict
	 */
	record Goal(String goal, String measured, Status status) {
	}

	/** Allocation below this many bytes per operation counts as none (JMH's own noise is a few hundredths). */
	static final double ZERO_BYTES = 1.0;

	/** The latency goal: our p99 at most this fraction of Spring's. */
	static final double LATENCY_RATIO = 0.2;

	private Goals() {
	}

	/** Judge every goal. */
	static List<Goal> judge(List<JmhResult> results, List<LatencyRow> constantLatency) {
		return judge(results, constantLatency, List.of());
	}

	/**
	 * Judge every goal; the latency goal's cell also gives the ratio of our p99 to Spring's round by round,
	 * from {@code constantRounds} (may be empty).
	 */
	static List<Goal> judge(List<JmhResult> results, List<LatencyRow> constantLatency,
			List<LatencyRoundRow> constantRounds) {
		List<Goal> goals = new ArrayList<>();
		goals.add(ratioGoal("Synchronous multicast ≥ 3× Spring (`SyncMulticastBenchmark`)", 3.0,
				results, (r) -> r.benchmark().startsWith("SyncMulticastBenchmark."), "lockfree"::equals,
				"spring"::equals));
		goals.add(ratioGoal("Payload path (`publishEvent` to `@EventListener` methods) ≥ 4× Spring "
				+ "(`PayloadPublishBenchmark`)", 4.0, results, (r) -> r.benchmark().startsWith("PayloadPublishBenchmark."),
				"lockfree"::equals, "spring"::equals));
		goals.add(ratioGoal("Async dispatch ≥ 10× Spring's executor path (`AsyncEndToEndBenchmark`, best of "
				+ "our 1 and 2 lanes)", 10.0, results, (r) -> r.benchmark().startsWith("AsyncEndToEndBenchmark."),
				(s) -> s.startsWith("lockfree"), "spring-executor"::equals));
		goals.add(ratioGoal("Async dispatch ≥ the Disruptor multi-producer ring (`AsyncEndToEndBenchmark`, "
				+ "best of our 1 and 2 lanes vs `disruptor-mp`)", 1.0, results,
				(r) -> r.benchmark().startsWith("AsyncEndToEndBenchmark."), (s) -> s.startsWith("lockfree"),
				"disruptor-mp"::equals));
		goals.add(churnGoal(results));
		goals.add(latencyGoal(constantLatency, constantRounds));
		goals.add(allocationGoal("0 B/op synchronous (`SyncMulticastBenchmark`, `FanOutBenchmark.Sync`)", results,
				(r) -> (r.benchmark().startsWith("SyncMulticastBenchmark.") || r.benchmark().startsWith("FanOutBenchmark.Sync."))
						&& r.subject().equals("lockfree"),
				ZERO_BYTES, false));
		goals.add(allocationGoal("≤ 64 B per event asynchronous (`AsyncEndToEndBenchmark`, ours)", results,
				(r) -> r.benchmark().startsWith("AsyncEndToEndBenchmark.") && r.subject().startsWith("lockfree"), 64.0,
				true));
		return goals;
	}

	/** The goals as a markdown section. */
	static String render(List<Goal> goals) {
		StringBuilder out = new StringBuilder("## Goals (issue 7)\n\n");
		out.append("Judged by `dev.lockfree.events.report.Goals` from the results below; a goal whose benchmark ")
			.append("was not part of this run is \"not measured\". Short runs on a shared machine move ratios by ")
			.append("tens of percent: confirm a verdict near its threshold with a longer run.\n\n");
		out.append("| goal | measured | verdict |\n| --- | --- | --- |\n");
		for (Goal goal : goals) {
			out.append("| ").append(goal.goal()).append(" | ").append(goal.measured()).append(" | ")
				.append(goal.status().text).append(" |\n");
		}
		return out.append('\n').toString();
	}

	/**
	 * For each table (benchmark, threads, other parameters) holding both, the best of our subjects divided by
	 * the baseline; met when the lowest of these ratios reaches {@code target}.
	 */
	private static Goal ratioGoal(String goal, double target, List<JmhResult> results, Predicate<JmhResult> benchmark,
			Predicate<String> ours, Predicate<String> baseline) {
		List<String> measured = new ArrayList<>();
		double worst = Double.POSITIVE_INFINITY;
		for (List<JmhResult> table : tables(results, benchmark)) {
			Optional<JmhResult> base = table.stream().filter((r) -> baseline.test(r.subject())).findFirst();
			Optional<JmhResult> best = table.stream()
				.filter((r) -> ours.test(r.subject()))
				.max((a, b) -> Double.compare(a.score(), b.score()));
			if (base.isEmpty() || best.isEmpty()) {
				continue;
			}
			double ratio = speedRatio(best.get(), base.get());
			worst = Math.min(worst, ratio);
			measured.add(String.format(Locale.ROOT, "%.2f× (%s)", ratio, label(best.get())));
		}
		if (measured.isEmpty()) {
			return new Goal(goal, "–", Status.NOT_MEASURED);
		}
		return new Goal(goal, String.join("; ", measured), (worst >= target) ? Status.MET : Status.NOT_MET);
	}

	private static Goal churnGoal(List<JmhResult> results) {
		String goal = "Publishing under registration churn ≥ 0.8× the same subject uncontended "
				+ "(`RegistrationChurnBenchmark`, `publish` of `contended` / `publishAlone` of `uncontended`)";
		List<String> measured = new ArrayList<>();
		double ours = Double.NaN;
		for (String subject : List.of("lockfree", "spring")) {
			Optional<JmhResult> contended = find(results, "RegistrationChurnBenchmark.contended", subject);
			Optional<JmhResult> alone = find(results, "RegistrationChurnBenchmark.uncontended", subject);
			if (contended.isEmpty() || alone.isEmpty()) {
				continue;
			}
			double ratio = contended.get().secondary("publish") / alone.get().comparableScore();
			measured.add(String.format(Locale.ROOT, "%s %.2f×", subject, ratio));
			if (subject.equals("lockfree")) {
				ours = ratio;
			}
		}
		if (Double.isNaN(ours)) {
			return new Goal(goal, "–", Status.NOT_MEASURED);
		}
		return new Goal(goal, String.join(", ", measured), (ours >= 0.8) ? Status.MET : Status.NOT_MET);
	}

	/**
	 * Ours against Spring's p99 at the constant rate, judged on that ratio alone. The cell also gives the p50s
	 * (where the cost of the hand-off shows) and the p99 of the no-hand-off floor ({@code direct}): when even
	 * the floor is above Spring's p99 / 5, no dispatcher could meet the goal on this machine, and the cell says
	 * so.
	 */
	private static Goal latencyGoal(List<LatencyRow> constant, List<LatencyRoundRow> rounds) {
		Optional<LatencyRow> ours = latencyRow(constant, "lockfree");
		Optional<LatencyRow> spring = latencyRow(constant, "spring-async");
		String goal = "p99 latency at a fixed moderate rate ≤ 1/5 of Spring async (`latency-constant.csv`)";
		if (ours.isEmpty() || spring.isEmpty()) {
			return new Goal(goal, "–", Status.NOT_MEASURED);
		}
		double ratio = ours.get().p99() / spring.get().p99();
		double threshold = spring.get().p99() * LATENCY_RATIO;
		StringBuilder measured = new StringBuilder(String.format(Locale.ROOT,
				"%,.1f µs vs %,.1f µs at %,d events/s: %.2f of Spring's; p50 %,.1f µs vs %,.1f µs: %.2f of Spring's",
				ours.get().p99(), spring.get().p99(), ours.get().targetRate(), ratio, ours.get().p50(),
				spring.get().p50(), ours.get().p50() / spring.get().p50()));
		appendRoundRatios(measured, rounds);
		Optional<LatencyRow> floor = latencyRow(constant, "direct");
		if (floor.isEmpty()) {
			measured.append("; no-hand-off floor (`direct`) not measured");
		}
		else {
			measured.append(String.format(Locale.ROOT, "; no-hand-off floor (`direct`) p99 %,.1f µs",
					floor.get().p99()));
			if (floor.get().p99() > threshold) {
				measured.append(String.format(Locale.ROOT, ": the goal cannot be shown on this machine, because "
						+ "the floor itself is above the threshold (Spring's p99 / 5 = %,.1f µs)", threshold));
			}
		}
		return new Goal(goal, measured.toString(), (ratio <= LATENCY_RATIO) ? Status.MET : Status.NOT_MET);
	}

	/**
	 * Our p99 over Spring's in each round in which both were measured, and their median: each pair ran seconds
	 * apart, so this shows how much of the merged ratio one stretch of the machine's stalls decided. Also the
	 * rounds in which the floor ({@code direct}) alone was above Spring's p99 / 5: no hand-off could have met
	 * the goal in those.
	 */
	private static void appendRoundRatios(StringBuilder measured, List<LatencyRoundRow> rounds) {
		Map<String, List<Double>> p99s = LatencyTables.p99ByRound(rounds);
		List<Double> ours = p99s.getOrDefault("lockfree", List.of());
		List<Double> spring = p99s.getOrDefault("spring-async", List.of());
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < Math.min(ours.size(), spring.size()); i++) {
			ratios.add(ours.get(i) / spring.get(i));
		}
		if (ratios.size() < 2) {
			return;
		}
		List<Double> sorted = ratios.stream().sorted().toList();
		int middle = sorted.size() / 2;
		double median = (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
		measured.append("; round by round ")
			.append(String.join(", ", ratios.stream().map((r) -> String.format(Locale.ROOT, "%.2f", r)).toList()))
			.append(String.format(Locale.ROOT, " (median %.2f)", median));
		List<Double> floor = p99s.getOrDefault("direct", List.of());
		List<String> floorAbove = new ArrayList<>();
		for (int i = 0; i < Math.min(floor.size(), spring.size()); i++) {
			if (floor.get(i) > spring.get(i) * LATENCY_RATIO) {
				floorAbove.add(Integer.toString(i + 1));
			}
		}
		if (!floorAbove.isEmpty()) {
			measured.append("; the no-hand-off floor was above Spring's p99 / 5 in round")
				.append((floorAbove.size() > 1) ? "s " : " ")
				.append(String.join(", ", floorAbove));
		}
	}

	/** The constant-rate row of a subject, if it was measured and has latencies. */
	private static Optional<LatencyRow> latencyRow(List<LatencyRow> constant, String subject) {
		return constant.stream()
			.filter((r) -> r.subject().equals(subject))
			.findFirst()
			.filter((r) -> !Double.isNaN(r.p99()) && !Double.isNaN(r.p50()));
	}

	/** The most any matching result allocates (per operation, or per event), against a limit. */
	private static Goal allocationGoal(String goal, List<JmhResult> results, Predicate<JmhResult> which, double limit,
			boolean perEvent) {
		double most = Double.NEGATIVE_INFINITY;
		String where = null;
		for (JmhResult result : results) {
			if (!which.test(result) || Double.isNaN(result.bytesPerOp())) {
				continue;
			}
			double bytes = result.bytesPerOp();
			if (perEvent) {
				bytes /= Double.parseDouble(result.params().getOrDefault("eventsPerOp", "1"));
			}
			if (bytes > most) {
				most = bytes;
				where = label(result);
			}
		}
		if (where == null) {
			return new Goal(goal, "–", Status.NOT_MEASURED);
		}
		String measured = String.format(Locale.ROOT, "at most %.2f B/%s (%s)", most, perEvent ? "event" : "op", where);
		return new Goal(goal, measured, (most < limit || (perEvent && most <= limit)) ? Status.MET : Status.NOT_MET);
	}

	/**
	 * Speed of {@code result} relative to {@code baseline}: ratio of their {@link JmhResult#comparableScore()
	 * comparable scores}, inverted for time modes.
	 */
	static double speedRatio(JmhResult result, JmhResult baseline) {
		double score = result.comparableScore();
		double base = baseline.comparableScore();
		return "thrpt".equals(result.mode()) ? score / base : base / score;
	}

	/**
	 * Results grouped as the results tables group them (benchmark, threads, other parameters), the tables of a
	 * class ordered by thread count.
	 */
	static List<List<JmhResult>> tables(List<JmhResult> results, Predicate<JmhResult> which) {
		Map<String, List<JmhResult>> tables = new LinkedHashMap<>();
		for (JmhResult result : results) {
			if (which.test(result)) {
				tables.computeIfAbsent(tableName(result), (key) -> new ArrayList<>()).add(result);
			}
		}
		List<List<JmhResult>> ordered = new ArrayList<>(tables.values());
		// As in RESULTS.md: JMH runs methods in alphabetical order; a class's tables read better by thread count.
		ordered.sort(Comparator.comparing((List<JmhResult> table) -> benchmarkClass(table.get(0)))
			.thenComparingInt((table) -> table.get(0).threads()));
		return ordered;
	}

	private static String benchmarkClass(JmhResult result) {
		int lastDot = result.benchmark().lastIndexOf('.');
		return (lastDot > 0) ? result.benchmark().substring(0, lastDot) : result.benchmark();
	}

	/** {@code Benchmark.method (threads, params)}: names a table. */
	static String tableName(JmhResult result) {
		StringBuilder name = new StringBuilder(result.benchmark()).append(" (").append(result.threads())
			.append((result.threads() == 1) ? " thread" : " threads");
		if (!result.otherParams().isEmpty()) {
			name.append(", ").append(result.otherParams());
		}
		return name.append(')').toString();
	}

	private static String label(JmhResult result) {
		String method = result.benchmark().substring(result.benchmark().lastIndexOf('.') + 1);
		StringBuilder label = new StringBuilder(result.subject()).append(", ").append(method);
		if (result.threads() != 1) {
			label.append(", ").append(result.threads()).append(" threads");
		}
		if (!result.otherParams().isEmpty()) {
			label.append(", ").append(result.otherParams());
		}
		return label.toString();
	}

	private static Optional<JmhResult> find(List<JmhResult> results, String benchmark, String subject) {
		return results.stream()
			.filter((r) -> r.benchmark().equals(benchmark) && r.subject().equals(subject))
			.findFirst();
	}

}
