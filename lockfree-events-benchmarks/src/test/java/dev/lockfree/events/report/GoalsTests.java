package dev.lockfree.events.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.lockfree.events.latency.LatencyRoundRow;
import dev.lockfree.events.latency.LatencyRow;

import static dev.lockfree.events.report.ReportFixtures.parse;
import static dev.lockfree.events.report.ReportFixtures.result;
import static dev.lockfree.events.report.ReportFixtures.simple;
import static org.assertj.core.api.Assertions.assertThat;

class GoalsTests {

	@Test
	void everyGoalIsJudgedFromTheMeasuredRatios() {
		List<?> json = parse(simple("SyncMulticastBenchmark.multicast", "lockfree", 40, 0.01),
				simple("SyncMulticastBenchmark.multicast", "spring", 10, 216),
				simple("PayloadPublishBenchmark.publishPayload", "lockfree", 45, 0),
				simple("PayloadPublishBenchmark.publishPayload", "spring", 10, 500),
				async("lockfree-1lane", 900, 40_000), async("lockfree-2lanes", 1200, 30_000),
				async("spring-executor", 100, 900_000), async("disruptor-mp", 1000, 0),
				result("RegistrationChurnBenchmark.contended", "thrpt", 3, Map.of("subject", "lockfree"), 3.0,
						Map.of("publish", 2.7, "churn", 0.3)),
				result("RegistrationChurnBenchmark.uncontended", "thrpt", 3, Map.of("subject", "lockfree"), 9.0,
						Map.of("publishAlone", 3.0, "control", 6.0)));
		List<LatencyRow> constant = List.of(latency("lockfree", 20), latency("spring-async", 150),
				latency("direct", 15));
		List<Goals.Goal> goals = Goals.judge(JmhResult.all(json), constant);
		assertThat(goals).extracting(Goals.Goal::status)
			.containsExactly(Goals.Status.MET, Goals.Status.MET, Goals.Status.MET, Goals.Status.MET,
					Goals.Status.MET, Goals.Status.MET, Goals.Status.MET, Goals.Status.MET);
		assertThat(goals.get(0).measured()).isEqualTo("4.00× (lockfree, multicast)");
		assertThat(goals.get(2).measured()).isEqualTo("12.00× (lockfree-2lanes, onePublisher, eventsPerOp=1000)");
		assertThat(goals.get(3).measured()).isEqualTo("1.20× (lockfree-2lanes, onePublisher, eventsPerOp=1000)");
		assertThat(goals.get(4).measured()).isEqualTo("lockfree 0.90×");
		assertThat(goals.get(5).measured()).isEqualTo("20.0 µs vs 150.0 µs at 20,000 events/s: 0.13 of Spring's; "
				+ "p50 10.0 µs vs 75.0 µs: 0.13 of Spring's; no-hand-off floor (`direct`) p99 15.0 µs");
		assertThat(goals.get(7).measured())
			.isEqualTo("at most 40.00 B/event (lockfree-1lane, onePublisher, eventsPerOp=1000)");
	}

	@Test
	void goalsMissedOrNotMeasuredSaySo() {
		List<?> json = parse(simple("SyncMulticastBenchmark.multicast", "lockfree", 20, 24),
				simple("SyncMulticastBenchmark.multicast", "spring", 10, 216));
		List<Goals.Goal> goals = Goals.judge(JmhResult.all(json), List.of());
		assertThat(goals.get(0).status()).isEqualTo(Goals.Status.NOT_MET);
		assertThat(goals.get(1).status()).isEqualTo(Goals.Status.NOT_MEASURED);
		assertThat(goals.get(5).status()).isEqualTo(Goals.Status.NOT_MEASURED);
		assertThat(goals.get(6).status()).isEqualTo(Goals.Status.NOT_MET);
		String markdown = Goals.render(goals);
		assertThat(markdown).contains("## Goals (issue 7)")
			.contains("| Synchronous multicast ≥ 3× Spring (`SyncMulticastBenchmark`) | 2.00× (lockfree, multicast) "
					+ "| **not met** |")
			.contains("| – | not measured |");
	}

	@Test
	void latencyGoalSaysWhenTheFloorAloneIsAboveTheThreshold() {
		Goals.Goal goal = latencyGoal(latency("lockfree", 1710.1, 13.4), latency("spring-async", 1598.5, 33.4),
				latency("direct", 1650.0, 9.0));
		assertThat(goal.status()).isEqualTo(Goals.Status.NOT_MET);
		assertThat(goal.measured()).isEqualTo("1,710.1 µs vs 1,598.5 µs at 20,000 events/s: 1.07 of Spring's; "
				+ "p50 13.4 µs vs 33.4 µs: 0.40 of Spring's; no-hand-off floor (`direct`) p99 1,650.0 µs: the goal "
				+ "cannot be shown on this machine, because the floor itself is above the threshold (Spring's "
				+ "p99 / 5 = 319.7 µs)");
		assertThat(Goals.render(List.of(goal))).contains("cannot be shown on this machine").contains("| **not met** |");
	}

	@Test
	void latencyGoalKeepsItsVerdictWhateverTheFloor() {
		// The floor decides only what the cell says; the verdict is ours against Spring's p99 / 5.
		Goals.Goal missedAboveFloor = latencyGoal(latency("lockfree", 100), latency("spring-async", 150),
				latency("direct", 30.1));
		assertThat(missedAboveFloor.status()).isEqualTo(Goals.Status.NOT_MET);
		assertThat(missedAboveFloor.measured()).contains("floor (`direct`) p99 30.1 µs: the goal cannot be shown");
		// Exactly at the threshold is not above it: the goal could still be shown.
		Goals.Goal floorAtThreshold = latencyGoal(latency("lockfree", 100), latency("spring-async", 150),
				latency("direct", 30.0));
		assertThat(floorAtThreshold.status()).isEqualTo(Goals.Status.NOT_MET);
		assertThat(floorAtThreshold.measured()).endsWith("floor (`direct`) p99 30.0 µs")
			.doesNotContain("cannot be shown");
		Goals.Goal met = latencyGoal(latency("lockfree", 30), latency("spring-async", 150), latency("direct", 25));
		assertThat(met.status()).isEqualTo(Goals.Status.MET);
		assertThat(met.measured()).doesNotContain("cannot be shown");
	}

	@Test
	void latencyGoalWithoutTheFloorSaysItWasNotMeasured() {
		Goals.Goal goal = latencyGoal(latency("lockfree", 20), latency("spring-async", 150));
		assertThat(goal.status()).isEqualTo(Goals.Status.MET);
		assertThat(goal.measured()).endsWith("; no-hand-off floor (`direct`) not measured")
			.doesNotContain("cannot be shown");
		assertThat(latencyGoal(latency("lockfree", 20), latency("direct", 15)).status())
			.isEqualTo(Goals.Status.NOT_MEASURED);
	}

	@Test
	void latencyGoalGivesTheRatioRoundByRoundButJudgesTheMergedRows() {
		List<LatencyRoundRow> rounds = List.of(round(1, "lockfree", 10), round(1, "spring-async", 100),
				round(1, "direct", 5), round(2, "lockfree", 90), round(2, "spring-async", 100), round(3, "lockfree", 30),
				round(3, "spring-async", 200));
		Goals.Goal goal = Goals.judge(List.of(), List.of(latency("lockfree", 40), latency("spring-async", 150)), rounds)
			.get(5);
		assertThat(goal.measured()).contains("0.27 of Spring's")
			.contains("; round by round 0.10, 0.90, 0.15 (median 0.15);")
			// Round 1: the floor (5 µs) is below Spring's 100 / 5; round 2 has no floor measured.
			.doesNotContain("floor was above");
		List<LatencyRoundRow> withFloor = new ArrayList<>(rounds);
		withFloor.add(round(2, "direct", 25));
		withFloor.add(round(3, "direct", 41));
		assertThat(Goals.judge(List.of(), List.of(latency("lockfree", 40), latency("spring-async", 150)), withFloor)
			.get(5)
			.measured()).contains("(median 0.15); the no-hand-off floor was above Spring's p99 / 5 in rounds 2, 3;");
		// The verdict is the merged rows' ratio (0.27), not the median of the rounds.
		assertThat(goal.status()).isEqualTo(Goals.Status.NOT_MET);
		// One round, or none, gives no round-by-round figure.
		assertThat(Goals.judge(List.of(), List.of(latency("lockfree", 40), latency("spring-async", 150)),
				List.of(round(1, "lockfree", 10), round(1, "spring-async", 100))).get(5).measured())
			.doesNotContain("round by round");
	}

	private static LatencyRoundRow round(int round, String subject, double p99) {
		return new LatencyRoundRow(round, latency(subject, p99));
	}

	@Test
	void ratioGoalTakesTheWorstTable() {
		List<?> json = parse(async("lockfree-1lane", 2000, 0), async("spring-executor", 100, 0),
				result("AsyncEndToEndBenchmark.twoPublishers", "thrpt", 2,
						Map.of("subject", "lockfree-1lane", "eventsPerOp", "1000"), 500, Map.of()),
				result("AsyncEndToEndBenchmark.twoPublishers", "thrpt", 2,
						Map.of("subject", "spring-executor", "eventsPerOp", "1000"), 100, Map.of()));
		Goals.Goal async = Goals.judge(JmhResult.all(json), List.of()).get(2);
		assertThat(async.status()).isEqualTo(Goals.Status.NOT_MET);
		assertThat(async.measured()).contains("20.00×").contains("5.00× (lockfree-1lane, twoPublishers, 2 threads");
	}

	private static String async(String subject, double score, double bytesPerOp) {
		return result("AsyncEndToEndBenchmark.onePublisher", "thrpt", 1,
				Map.of("subject", subject, "eventsPerOp", "1000"), score, Map.of("gc.alloc.rate.norm", bytesPerOp));
	}

	static LatencyRow latency(String subject, double p99) {
		return latency(subject, p99, p99 / 2);
	}

	static LatencyRow latency(String subject, double p99, double p50) {
		return new LatencyRow("constant", subject, 0, 20_000, 20_000, 200_000, 0, 0, 0, p50, p99, p99 * 2,
				p99 * 4, "");
	}

	/** The latency goal, judged from these constant-rate rows alone. */
	private static Goals.Goal latencyGoal(LatencyRow... constant) {
		return Goals.judge(List.of(), List.of(constant)).get(5);
	}

}
