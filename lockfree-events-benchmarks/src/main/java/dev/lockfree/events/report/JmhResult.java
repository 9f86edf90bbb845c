package dev.lockfree.events.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One JMH result, read from the parsed JSON: what the goals and charts need.
 *
 * @param benchmark the benchmark's name without its package, e.g. {@code FanOutBenchmark.Sync.multicast}
 * @param mode {@code thrpt}, {@code avgt}, ...
 * @param threads the thread count
 * @param params every parameter, by name (sorted)
 * @param score the primary score
 * @param unit the primary score's unit
 * @param secondary every secondary score, by label ({@code gc.alloc.rate.norm}, group methods, aux counters)
 */
record JmhResult(String benchmark, String mode, int threads, Map<String, String> params, double score, String unit,
		Map<String, Double> secondary) {

	/** Secondary label of the bytes allocated per operation ({@code -prof gc}). */
	static final String ALLOCATION = "gc.alloc.rate.norm";

	/** Read every result of a parsed JMH JSON array. */
	static List<JmhResult> all(List<?> results) {
		List<JmhResult> all = new ArrayList<>();
		for (Object result : results) {
			if (result instanceof Map<?, ?> map) {
				all.add(of(map));
			}
		}
		return all;
	}

	static JmhResult of(Map<?, ?> result) {
		Map<String, String> params = new TreeMap<>();
		if (result.get("params") instanceof Map<?, ?> map) {
			map.forEach((name, value) -> params.put(String.valueOf(name), String.valueOf(value)));
		}
		Map<?, ?> primary = (Map<?, ?>) result.get("primaryMetric");
		Map<String, Double> secondary = new LinkedHashMap<>();
		if (result.get("secondaryMetrics") instanceof Map<?, ?> map) {
			map.forEach((label, metric) -> {
				if (metric instanceof Map<?, ?> values) {
					secondary.put(String.valueOf(label), JsonReader.number(values.get("score")));
				}
			});
		}
		double threads = JsonReader.number(result.get("threads"));
		return new JmhResult(shortName(String.valueOf(result.get("benchmark"))), String.valueOf(result.get("mode")),
				Double.isNaN(threads) ? 0 : (int) threads, params, JsonReader.number(primary.get("score")),
				String.valueOf(primary.get("scoreUnit")), secondary);
	}

	/**
	 * The benchmark's name from its class on: {@code dev.lockfree.events.throughput.FanOutBenchmark.Sync.multicast}
	 * becomes {@code FanOutBenchmark.Sync.multicast} (package segments start with a lower-case letter).
	 */
	static String shortName(String benchmark) {
		String[] parts = benchmark.split("\\.");
		for (int i = 0; i < parts.length; i++) {
			if (!parts[i].isEmpty() && Character.isUpperCase(parts[i].charAt(0))) {
				return String.join(".", List.of(parts).subList(i, parts.length));
			}
		}
		return benchmark;
	}

	/** The {@code subject} parameter, or {@code ""}. */
	String subject() {
		return this.params.getOrDefault("subject", "");
	}

	/** Bytes allocated per operation, or NaN when run without {@code -prof gc}. */
	double bytesPerOp() {
		return this.secondary.getOrDefault(ALLOCATION, Double.NaN);
	}

	/** A secondary score by label, or NaN. */
	double secondary(String label) {
		return this.secondary.getOrDefault(label, Double.NaN);
	}

	/**
	 * The score to compare subjects by: for a JMH group, whose score sums all its methods, the publishing
	 * method's (the first secondary result named like {@code *publish*}); otherwise the primary score.
	 */
	double comparableScore() {
		for (Map.Entry<String, Double> entry : this.secondary.entrySet()) {
			if (entry.getKey().toLowerCase(Locale.ROOT).contains("publish")) {
				return entry.getValue();
			}
		}
		return this.score;
	}

	/** Every parameter but the subject, as {@code name=value} joined by commas. */
	String otherParams() {
		List<String> others = new ArrayList<>();
		this.params.forEach((name, value) -> {
			if (!name.equals("subject")) {
				others.add(name + "=" + value);
			}
		});
		return String.join(", ", others);
	}

}
