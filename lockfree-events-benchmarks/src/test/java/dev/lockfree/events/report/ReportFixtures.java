package dev.lockfree.events.report;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** JMH results as JMH writes them to JSON, with only the members the report reads. */
final class ReportFixtures {

	static final String PACKAGE = "dev.lockfree.events.throughput.";

	private ReportFixtures() {
	}

	/**
	 * One result.
	 * @param params parameters, {@code subject} included
	 * @param secondary secondary scores by label; the unit is B/op for {@code gc.*}, the primary's otherwise
	 */
	static String result(String benchmark, String mode, int threads, Map<String, String> params, double score,
			Map<String, Double> secondary) {
		String unit = mode.equals("thrpt") ? "ops/us" : "ns/op";
		String paramsJson = params.entrySet()
			.stream()
			.map((e) -> "\"" + e.getKey() + "\": \"" + e.getValue() + "\"")
			.collect(Collectors.joining(", ", "{", "}"));
		String secondaryJson = secondary.entrySet()
			.stream()
			.map((e) -> "\"" + e.getKey() + "\": {\"score\": " + e.getValue() + ", \"scoreError\": \"NaN\", "
					+ "\"scoreUnit\": \"" + (e.getKey().startsWith("gc.") ? "B/op" : unit) + "\"}")
			.collect(Collectors.joining(", ", "{", "}"));
		return """
				{"jmhVersion": "1.37", "benchmark": "%s", "mode": "%s", "threads": %d, "forks": 1,
				 "jvmArgs": [], "vmName": "OpenJDK 64-Bit Server VM", "vmVersion": "17",
				 "warmupIterations": 2, "warmupTime": "1 s", "measurementIterations": 3, "measurementTime": "1 s",
				 "params": %s,
				 "primaryMetric": {"score": %s, "scoreError": 1.0, "scoreUnit": "%s", "rawData": [[1.0]]},
				 "secondaryMetrics": %s}
				""".formatted(PACKAGE + benchmark, mode, threads, paramsJson, score, unit, secondaryJson);
	}

	/** A throughput result with a subject, one thread, and the given bytes per operation. */
	static String simple(String benchmark, String subject, double score, double bytesPerOp) {
		return result(benchmark, "thrpt", 1, Map.of("subject", subject), score,
				Map.of("gc.alloc.rate.norm", bytesPerOp));
	}

	static List<?> parse(String... results) {
		return (List<?>) JsonReader.parse("[" + String.join(",", results) + "]");
	}

}
