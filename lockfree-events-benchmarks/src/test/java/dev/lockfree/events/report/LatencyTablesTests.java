package dev.lockfree.events.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lockfree.events.latency.LatencyRoundRow;
import dev.lockfree.events.latency.LatencyRow;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyTablesTests {

	@Test
	void readsTheCsvsPresentAndRendersATablePerModel(@TempDir Path folder) throws Exception {
		Files.writeString(folder.resolve("latency-constant.csv"), LatencyRow.CSV_HEADER + "\n"
				+ "constant,lockfree,0,20000,19999.5,200000,0,0,0,12.5,80.0,300.0,900.0,\n"
				+ "constant,direct,0,20000,20000.0,200000,0,0,0,4.5,70.0,250.0,800.0,\n");
		Files.writeString(folder.resolve("latency-stepped.csv"), LatencyRow.CSV_HEADER + "\n"
				+ "stepped,spring-async,0,25000,25000.0,75000,0,0,0,50.0,500.0,900.0,1000.0,\n"
				+ "stepped,spring-async,1,50000,30000.0,90000,0,10,0,5000.0,90000.0,95000.0,99000.0,backlog\n");
		Map<String, List<LatencyRow>> byModel = LatencyTables.read(folder);
		assertThat(byModel).containsOnlyKeys("constant", "stepped");
		String markdown = LatencyTables.render(byModel);
		assertThat(markdown).contains("### constant (20,000 events/s)")
			.contains("| lockfree | 20,000 | 12.5 | 80.0 | 300.0 | 900.0 | 200,000 | 0 | 0 | 0 |  |")
			.contains("| direct | 20,000 | 4.5 | 70.0 | 250.0 | 800.0 | 200,000 | 0 | 0 | 0 |  |")
			.contains("`direct` hands nothing off: the publishing thread calls the listeners itself")
			.contains("| spring-async | 1 | 50,000 | 30,000 | 5,000.0 | 90,000.0 | 95,000.0 | 99,000.0 | 90,000 | 0 | 10 "
					+ "| 0 | backlog |");
	}

	@Test
	void readsTheRoundsCsvAndRendersEachSubjectsP99RoundByRound(@TempDir Path folder) throws Exception {
		Files.writeString(folder.resolve("latency-constant.csv"), LatencyRow.CSV_HEADER + "\n"
				+ "constant,lockfree,0,20000,19999.5,200000,0,0,0,3.0,40.0,300.0,900.0,\n"
				+ "constant,spring-async,0,20000,20000.0,200000,0,0,0,30.0,150.0,250.0,800.0,\n");
		Files.writeString(folder.resolve("latency-constant-rounds.csv"), LatencyRoundRow.CSV_HEADER + "\n"
				+ "1,constant,lockfree,0,20000,19999.5,100000,0,0,0,3.0,30.0,300.0,900.0,\n"
				+ "1,constant,spring-async,0,20000,20000.0,100000,0,0,0,30.0,100.0,250.0,800.0,\n"
				+ "2,constant,lockfree,0,20000,19999.5,100000,0,0,0,3.0,50.0,300.0,900.0,\n"
				+ "2,constant,spring-async,0,20000,20000.0,100000,0,0,0,30.0,200.0,250.0,800.0,\n");
		Map<String, List<LatencyRoundRow>> rounds = LatencyTables.readRounds(folder);
		assertThat(rounds).containsOnlyKeys("constant");
		assertThat(LatencyTables.p99ByRound(rounds.get("constant"))).containsExactly(
				Map.entry("lockfree", List.of(30.0, 50.0)), Map.entry("spring-async", List.of(100.0, 200.0)));
		String markdown = LatencyTables.render(LatencyTables.read(folder), rounds);
		assertThat(markdown).contains("p99 (µs) round by round (`latency-constant-rounds.csv`")
			.contains("| subject | round 1 | round 2 |")
			.contains("| lockfree | 30.0 | 50.0 |")
			.contains("| spring-async | 100.0 | 200.0 |");
		assertThat(markdown.indexOf("| lockfree | 30.0 | 50.0 |"))
			.isGreaterThan(markdown.indexOf("| spring-async | 20,000 |"));
		assertThat(LatencyTables.render(LatencyTables.read(folder))).doesNotContain("round by round");
	}

	@Test
	void theMachinesStallsAreQuotedWhenTheRunWroteThem(@TempDir Path folder) throws Exception {
		assertThat(LatencyTables.machineStalls(folder)).isEmpty();
		Files.writeString(folder.resolve("machine-stalls.txt"), "busy threads   thread  gaps >= 1ms\n2  1  17\n");
		assertThat(LatencyTables.machineStalls(folder)).startsWith("## The machine's own stalls\n")
			.contains("```\nbusy threads   thread  gaps >= 1ms\n2  1  17\n```\n");
		assertThat(LatencyTables.machineStalls(Path.of(LatencyTables.NONE))).isEmpty();
	}

	@Test
	void noneMeansNoLatencyResults() throws Exception {
		assertThat(LatencyTables.read(Path.of(LatencyTables.NONE))).isEmpty();
		assertThat(LatencyTables.readRounds(Path.of(LatencyTables.NONE))).isEmpty();
	}

}
