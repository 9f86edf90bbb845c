package dev.lockfree.events.latency;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every latency subject, at a rate far below saturation, delivers every event to every listener and reports
 * latencies; rows survive the trip through CSV.
 */
class LatencyRunTests {

	@ParameterizedTest
	@ValueSource(strings = { "lockfree", "lockfree-caller-runs", "lockfree-drop", "lockfree-fail", "spring-async",
			"disruptor-mp", "direct" })
	@Timeout(60)
	void subjectHandlesEveryDeliveryBelowSaturation(String subject) {
		LatencyRun run = new LatencyRun(subject, 3, 1_000_000, TimeUnit.SECONDS.toNanos(10));
		List<LatencyRow> rows = run.run(LoadSchedule.constant(2000, TimeUnit.MILLISECONDS.toNanos(300)));
		assertThat(rows).hasSize(1);
		LatencyRow row = rows.get(0);
		// A cold publisher may still be catching up when the run ends: those events count as unsent.
		assertThat(row.sent() + row.unsent()).isEqualTo(600);
		assertThat(row.sent()).isGreaterThan(500);
		assertThat(row.rejected()).isZero();
		assertThat(row.lostDeliveries()).isZero();
		assertThat(row.achievedRate()).isPositive();
		assertThat(row.p50()).isPositive().isLessThanOrEqualTo(row.p99());
		assertThat(row.p99()).isLessThanOrEqualTo(row.p999());
		assertThat(row.p999()).isLessThanOrEqualTo(row.max());
		assertThat(row.note()).isEmpty();
	}

	@Test
	void directIsTheLastSubjectOfEveryRunAndNeverQueues() {
		assertThat(LatencySubjects.BASELINE_COMPARISON).last().isEqualTo("direct");
		assertThat(LatencySubjects.PAST_SATURATION).last().isEqualTo("direct");
		assertThat(LatencySubjects.PAST_SATURATION).containsAll(LatencySubjects.BASELINE_COMPARISON);
		assertThat(LatencySubjects.queuesWithoutBound("direct")).isFalse();
	}

	@Test
	@Timeout(60)
	void directRecordsEveryDeliveryOfEveryEventToEveryListener() {
		LatencyRun run = new LatencyRun("direct", 4, 1_000_000, TimeUnit.SECONDS.toNanos(10));
		List<LatencyRow> rows = run
			.run(LoadSchedule.stepped(List.of(1000L, 4000L), TimeUnit.MILLISECONDS.toNanos(200)));
		assertThat(rows).extracting((row) -> row.sent() + row.unsent()).containsExactly(200L, 800L);
		assertThat(rows).extracting(LatencyRow::lostDeliveries).containsOnly(0L);
		assertThat(rows).extracting(LatencyRow::rejected).containsOnly(0L);
		assertThat(rows).extracting(LatencyRow::note).containsOnly("");
		assertThat(rows).allSatisfy((row) -> assertThat(row.p50()).isPositive());
	}

	@Test
	void unknownSubjectIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> LatencySubjects.create("indirect", null));
	}

	@Test
	@Timeout(60)
	void steppedRunReportsEveryStep() {
		LatencyRun run = new LatencyRun("lockfree", 2, 1_000_000, TimeUnit.SECONDS.toNanos(10));
		List<LatencyRow> rows = run
			.run(LoadSchedule.stepped(List.of(1000L, 4000L), TimeUnit.MILLISECONDS.toNanos(200)));
		assertThat(rows).extracting(LatencyRow::step).containsExactly(0, 1);
		assertThat(rows).extracting(LatencyRow::targetRate).containsExactly(1000L, 4000L);
		assertThat(rows).extracting((row) -> row.sent() + row.unsent()).containsExactly(200L, 800L);
		assertThat(rows).extracting(LatencyRow::model).containsOnly("stepped");
	}

	@Test
	void rowSurvivesCsv(@TempDir Path folder) throws Exception {
		LatencyRow row = new LatencyRow("poisson", "spring-async", 2, 20_000, 19_876.54, 100, 1, 2, 3, 12.25, 99.0,
				Double.NaN, 1500.5, "backlog");
		Path csv = folder.resolve("latency-poisson.csv");
		LatencyMain.write(csv, List.of(row));
		List<String> lines = Files.readAllLines(csv);
		assertThat(lines.get(0)).isEqualTo(LatencyRow.CSV_HEADER);
		LatencyRow read = LatencyRow.parse(lines.get(1));
		assertThat(read.subject()).isEqualTo("spring-async");
		assertThat(read.achievedRate()).isEqualTo(19_876.5);
		assertThat(read.p50()).isEqualTo(12.3);
		assertThat(read.p999()).isNaN();
		assertThat(read.note()).isEqualTo("backlog");
	}

	@Test
	void roundRowSurvivesCsv(@TempDir Path folder) throws Exception {
		LatencyRow row = new LatencyRow("constant", "lockfree", 0, 20_000, 19_989.0, 40_000, 0, 0, 0, 3.2, 44.7,
				1886.2, 3041.3, "");
		Path csv = folder.resolve("latency-constant-rounds.csv");
		LatencyMain.writeRounds(csv, List.of(new LatencyRoundRow(3, row)));
		List<String> lines = Files.readAllLines(csv);
		assertThat(lines.get(0)).isEqualTo(LatencyRoundRow.CSV_HEADER).startsWith("round,model,");
		LatencyRoundRow read = LatencyRoundRow.parse(lines.get(1));
		assertThat(read.round()).isEqualTo(3);
		assertThat(read.row()).isEqualTo(row);
		assertThatIllegalArgumentException().isThrownBy(() -> LatencyRoundRow.parse("no columns"));
	}

	@Test
	void optionsOverrideDefaultsAndRejectUnknownNames() {
		assertThat(LatencyMain.options(new String[] { "--rate", "5000" })).containsEntry("rate", "5000")
			.containsEntry("duration", "10s");
		assertThatIllegalArgumentException().isThrownBy(() -> LatencyMain.options(new String[] { "--speed", "1" }));
		assertThat(LatencyMain.nanos("1.5s")).isEqualTo(1_500_000_000L);
		assertThat(LatencyMain.nanos("250ms")).isEqualTo(250_000_000L);
	}

	@Test
	void roundsAndRoundWarmupAreOptions() {
		assertThat(LatencyMain.options(new String[0])).containsEntry("rounds", "5")
			.containsEntry("round-warmup", "500ms");
		assertThat(LatencyMain.options(new String[] { "--rounds", "1", "--round-warmup", "0ms" }))
			.containsEntry("rounds", "1")
			.containsEntry("round-warmup", "0ms");
		assertThat(LatencyMain.nanos("500ms")).isEqualTo(500_000_000L);
	}

	@Test
	@Timeout(60)
	void interleavedRoundsMergeIntoOneRowPerSubject() {
		List<LatencyRoundRow> rounds = new ArrayList<>();
		List<LatencyRow> rows = LatencyMain.interleaved(List.of("direct", "lockfree"),
				(round) -> LoadSchedule.constant(2000, TimeUnit.MILLISECONDS.toNanos(200)), 2,
				TimeUnit.MILLISECONDS.toNanos(100), 3, 1_000_000, rounds);
		// Round by round, in the order run: each subject of round 1, then each of round 2.
		assertThat(rounds).extracting(LatencyRoundRow::round).containsExactly(1, 1, 2, 2);
		assertThat(rounds).extracting((round) -> round.row().subject())
			.containsExactly("direct", "lockfree", "direct", "lockfree");
		for (LatencyRow merged : rows) {
			assertThat(rounds.stream()
				.filter((round) -> round.row().subject().equals(merged.subject()))
				.mapToLong((round) -> round.row().sent() + round.row().unsent())
				.sum()).isEqualTo(merged.sent() + merged.unsent());
		}
		assertThat(rows).extracting(LatencyRow::subject).containsExactly("direct", "lockfree");
		assertThat(rows).extracting(LatencyRow::model).containsOnly("constant");
		assertThat(rows).extracting(LatencyRow::step).containsOnly(0);
		assertThat(rows).extracting(LatencyRow::targetRate).containsOnly(2000L);
		assertThat(rows).extracting((row) -> row.sent() + row.unsent()).containsOnly(2 * 400L);
		assertThat(rows).extracting(LatencyRow::lostDeliveries).containsOnly(0L);
		assertThat(rows).extracting(LatencyRow::rejected).containsOnly(0L);
		assertThat(rows).extracting(LatencyRow::note).containsOnly("");
		// Two rounds of 200 ms at 2000/s: about 2000/s handled over their 400 ms (and the short drains).
		assertThat(rows).allSatisfy((row) -> assertThat(row.achievedRate()).isBetween(1000.0, 2100.0));
		assertThat(rows).allSatisfy((row) -> assertThat(row.p50()).isPositive().isLessThanOrEqualTo(row.p99()));
	}

	@Test
	@Timeout(60)
	void interleavedPoissonRoundsSendEverySubjectTheSameArrivals() {
		long round = TimeUnit.MILLISECONDS.toNanos(200);
		List<LatencyRow> rows = LatencyMain.interleaved(List.of("direct", "lockfree"),
				(index) -> LoadSchedule.poisson(2000, round, LatencyMain.POISSON_SEED + index), 2, 0, 2, 1_000_000,
				new ArrayList<>());
		long arrivals = arrivals(LoadSchedule.poisson(2000, round, LatencyMain.POISSON_SEED), round)
				+ arrivals(LoadSchedule.poisson(2000, round, LatencyMain.POISSON_SEED + 1), round);
		assertThat(rows).extracting(LatencyRow::model).containsOnly("poisson");
		assertThat(rows).extracting((row) -> row.sent() + row.unsent()).containsExactly(arrivals, arrivals);
		assertThat(rows).extracting(LatencyRow::lostDeliveries).containsOnly(0L);
	}

	private static long arrivals(LoadSchedule schedule, long duration) {
		long count = 0;
		while (schedule.nextOffset() < duration) {
			count++;
		}
		return count;
	}

}
