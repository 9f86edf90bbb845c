package dev.lockfree.events.report;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsTableTests {

	private static final String ASYNC = "dev.lockfree.events.throughput.AsyncEndToEndBenchmark";

	@Test
	void rowPerSubjectWithScoreAllocationAndSpeedRelativeToSpring() {
		String markdown = render(result(ASYNC + ".onePublisher", "thrpt", 1, "lockfree-1lane", 4000, "120.5", 32000),
				result(ASYNC + ".onePublisher", "thrpt", 1, "spring-executor", 400, "\"NaN\"", 700000));
		assertThat(markdown).contains("### AsyncEndToEndBenchmark.onePublisher (thrpt, 1 thread, eventsPerOp=1000)")
			.contains("| subject | score | B/op | B/event | vs spring-executor |")
			.contains("| lockfree-1lane | 4,000 ± 121 ops/s | 32,000 | 32.0 | 10.00× |")
			.contains("| spring-executor | 400.0 ± NaN ops/s | 700,000 | 700.0 | 1.00× |");
	}

	@Test
	void timeModesCountLowerScoresAsFaster() {
		String markdown = render(result("x.SyncBenchmark.multicast", "avgt", 1, "lockfree", 50, "1.0", 0),
				result("x.SyncBenchmark.multicast", "avgt", 1, "spring", 200, "1.0", 216));
		assertThat(markdown).contains("| lockfree | 50.0 ± 1.0 ns/op | ≈ 0 | 4.00× |");
	}

	@Test
	void tablesOfOneClassAreOrderedByThreadCount() {
		String markdown = render(result(ASYNC + ".fourPublishers", "thrpt", 4, "spring-executor", 1, "1", 1),
				result(ASYNC + ".onePublisher", "thrpt", 1, "spring-executor", 1, "1", 1),
				result(ASYNC + ".twoPublishers", "thrpt", 2, "spring-executor", 1, "1", 1));
		assertThat(markdown.indexOf(".onePublisher")).isLessThan(markdown.indexOf(".twoPublishers"));
		assertThat(markdown.indexOf(".twoPublishers")).isLessThan(markdown.indexOf(".fourPublishers"));
	}

	@Test
	void tableWithoutSpringSubjectHasNoRatios() {
		String markdown = render(result(ASYNC + ".onePublisher", "thrpt", 1, "disruptor-mp", 10, "1", 1));
		assertThat(markdown).contains("| disruptor-mp | 10.0 ± 1.0 ops/s | 1.000 | ≈ 0 | – |");
	}

	@Test
	void describesTheRun() {
		String markdown = ResultsTable.render("run.json",
				(List<?>) JsonReader.parse("[" + result(ASYNC + ".onePublisher", "thrpt", 1, "spring", 1, "1", 1) + "]"),
				Map.of("command", "scripts/run-benchmarks.sh Sync", "nproc", "2", "java-version", "openjdk 17",
						"date", "2026-11-27", "machine", "Linux x86_64; 24 GiB memory"));
		assertThat(markdown).contains("`run.json`")
			.contains("- Processors (`nproc`): 2")
			.contains("- Machine: Linux x86_64; 24 GiB memory")
			.contains("- JMH 1.37, forks 1, warmup 3 × 1 s, measurement 5 × 1 s")
			.contains("```\nopenjdk 17\n```")
			.contains("```\nscripts/run-benchmarks.sh Sync\n```");
	}

	@Test
	void groupBenchmarksShowEachMethodAndCompareThePublishers() {
		String markdown = render(
				ReportFixtures.result("RegistrationChurnBenchmark.contended", "thrpt", 3,
						java.util.Map.of("subject", "lockfree"), 3.0,
						java.util.Map.of("publish", 2.8, "churn", 0.2, "gc.alloc.rate.norm", 20.0)),
				ReportFixtures.result("RegistrationChurnBenchmark.contended", "thrpt", 3,
						java.util.Map.of("subject", "spring"), 2.0,
						java.util.Map.of("publish", 0.7, "churn", 1.3, "gc.alloc.rate.norm", 200.0)));
		assertThat(markdown).contains("### RegistrationChurnBenchmark.contended (thrpt, 3 threads)")
			.containsPattern(
					"\\| subject \\| score \\| (publish|churn) \\| (publish|churn) \\| B/op \\| vs spring \\(publish\\) \\|")
			.contains("| 4.00× |");
	}

	@Test
	void nestedBenchmarkClassesKeepTheirOuterClassInTheHeading() {
		String markdown = render(ReportFixtures.simple("FanOutBenchmark.Sync.multicast", "lockfree", 5, 0));
		assertThat(markdown).contains("### FanOutBenchmark.Sync.multicast (thrpt, 1 thread)");
	}

	@Test
	void documentHasTheGoalsAndLinksTheCharts() {
		String markdown = render(result(ASYNC + ".onePublisher", "thrpt", 1, "lockfree-1lane", 4000, "1", 32000));
		assertThat(markdown).contains("## Goals (issue 7)").contains("(throughput.svg)").contains("(layout.txt)");
		assertThat(markdown.indexOf("## Goals")).isLessThan(markdown.indexOf("## Results"));
	}

	/**
	 * The suite runs the benchmarks whose verdict sits near a goal's threshold with more forks, in a JMH run of
	 * their own: the header names them with their fork count.
	 */
	@Test
	void forksOfBenchmarksRunWithMoreAreNamed() {
		String one = result(ASYNC + ".onePublisher", "thrpt", 1, "spring", 1, "1", 1);
		String three = result("x.throughput.RegistrationChurnBenchmark.contended", "thrpt", 3, "lockfree", 1, "1", 1)
			.replace("\"forks\": 1", "\"forks\": 3");
		List<?> results = (List<?>) JsonReader.parse("[" + one + "," + one + "," + three + "]");
		assertThat(ResultsTable.forks(results)).isEqualTo("1 (3: RegistrationChurnBenchmark)");
		assertThat(ResultsTable.forks(results.subList(0, 2))).isEqualTo("1");
		assertThat(ResultsTable.render("a.json`, `b.json", results, Map.of()))
			.contains("- JMH 1.37, forks 1 (3: RegistrationChurnBenchmark), warmup")
			.contains("from `a.json`, `b.json`");
	}

	private static String render(String... results) {
		List<?> parsed = (List<?>) JsonReader.parse("[" + String.join(",", results) + "]");
		return ResultsTable.render("results.json", parsed, Map.of());
	}

	/** One result as JMH writes it, with only the members the table reads. */
	private static String result(String benchmark, String mode, int threads, String subject, double score,
			String error, double bytesPerOp) {
		String unit = mode.equals("thrpt") ? "ops/s" : "ns/op";
		String params = benchmark.startsWith(ASYNC) ? "{\"eventsPerOp\": \"1000\", \"subject\": \"" + subject + "\"}"
				: "{\"subject\": \"" + subject + "\"}";
		return """
				{"jmhVersion": "1.37", "benchmark": "%s", "mode": "%s", "threads": %d, "forks": 1,
				 "jvmArgs": [], "vmName": "OpenJDK 64-Bit Server VM", "vmVersion": "17",
				 "warmupIterations": 3, "warmupTime": "1 s", "measurementIterations": 5, "measurementTime": "1 s",
				 "params": %s,
				 "primaryMetric": {"score": %s, "scoreError": %s, "scoreUnit": "%s", "rawData": [[1.0, 2.0]]},
				 "secondaryMetrics": {"gc.alloc.rate.norm": {"score": %s, "scoreError": "NaN", "scoreUnit": "B/op"}}}
				""".formatted(benchmark, mode, threads, params, score, error, unit, bytesPerOp);
	}

}
