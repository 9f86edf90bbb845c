package dev.lockfree.events.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.lockfree.events.latency.LatencyRoundRow;
import dev.lockfree.events.latency.LatencyRow;

/**
 * Turns a JMH JSON result file ({@code -rf json}) and the latency CSVs into {@code RESULTS.md}, and draws
 * {@code throughput.svg} and {@code latency.svg} ({@link Charts}).
 *
 * <p>{@code RESULTS.md} holds: how the run was made; the issue-7 goals, each judged met or not from the
 * figures ({@link Goals}); one markdown table per benchmark method, mode, thread count and parameter set,
 * with a row per {@code subject}: score ± error, the group methods' and aux counters' rates (for
 * {@code @Group} benchmarks, whose score sums them), bytes allocated per operation
 * ({@code gc.alloc.rate.norm}, present when run with {@code -prof gc}), bytes per event when the benchmark
 * has an {@code eventsPerOp} parameter, and the speed relative to the Spring baseline of the same table (the
 * subject named {@code spring} or {@code spring-*}; for groups, of the publishing method); then one table per
 * latency load model ({@link LatencyTables}). Every number comes from the JSON and CSVs; the file is never
 * edited by hand.
 *
 * <pre class="code">
 * java -cp benchmarks.jar dev.lockfree.events.report.ResultsTable results.json RESULTS.md \
 *     [--command TEXT] [--nproc N] [--machine TEXT] [--java-version TEXT] [--date TEXT] [--latency-dir DIR]
 *     [--svg-dir DIR]
 * </pre>
 * The options describe the run (the exact command, the machine); {@code scripts/run-benchmarks.sh} fills
 * them in. The latency CSVs ({@code latency-<model>.csv}, and {@code latency-<model>-rounds.csv} where the
 * model ran in rounds) are read from {@code --latency-dir} and the charts
 * written to {@code --svg-dir}, both by default the folder of {@code RESULTS.md}; {@code --latency-dir none}
 * leaves latency out (the run did not measure it, and older CSVs must not pass for its results).
 */
public final class ResultsTable {

	private static final String SUBJECT = "subject";

	private static final String EVENTS_PER_OP = "eventsPerOp";

	private static final String ALLOCATION = "gc.alloc.rate.norm";

	private static final String LATENCY_DIR = "latency-dir";

	private static final String SVG_DIR = "svg-dir";

	private ResultsTable() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length < 2 || args.length % 2 != 0) {
			System.err.println("Usage: ResultsTable <results.json>[,<more.json>...] <RESULTS.md> [--command TEXT] [--nproc N] "
					+ "[--machine TEXT] [--java-version TEXT] [--date TEXT] [--latency-dir DIR] [--svg-dir DIR]");
			System.exit(2);
		}
		List<Path> jsons = Arrays.stream(args[0].split(",")).map(Path::of).toList();
		Path markdown = Path.of(args[1]);
		Path folder = (markdown.toAbsolutePath().getParent() != null) ? markdown.toAbsolutePath().getParent()
				: Path.of(".");
		Map<String, String> run = new LinkedHashMap<>();
		for (int i = 2; i < args.length; i += 2) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("Expected an option, found: " + args[i]);
			}
			run.put(args[i].substring(2), args[i + 1]);
		}
		Path latencyDir = Path.of(run.getOrDefault(LATENCY_DIR, folder.toString()));
		Path svgDir = Path.of(run.getOrDefault(SVG_DIR, folder.toString()));
		run.remove(LATENCY_DIR);
		run.remove(SVG_DIR);
		// Several JMH runs of one suite (benchmarks run with more forks in a run of their own) make one document.
		List<Object> list = new ArrayList<>();
		for (Path json : jsons) {
			Object results = JsonReader.parse(Files.readString(json, StandardCharsets.UTF_8));
			if (!(results instanceof List<?> part)) {
				throw new IllegalArgumentException(json + " is not a JMH result file (expected a JSON array)");
			}
			list.addAll(part);
		}
		Map<String, List<LatencyRow>> latency = LatencyTables.read(latencyDir);
		Map<String, List<LatencyRoundRow>> rounds = LatencyTables.readRounds(latencyDir);
		String sources = String.join("`, `", jsons.stream().map((json) -> json.getFileName().toString()).toList());
		String text = render(sources, list, run, latency, rounds)
				+ LatencyTables.machineStalls(latencyDir);
		Files.writeString(markdown, text, StandardCharsets.UTF_8);
		System.out.println("Wrote " + markdown + " (" + list.size() + " results, "
				+ latency.values().stream().mapToInt(List::size).sum() + " latency rows)");
		Files.createDirectories(svgDir);
		Path throughput = svgDir.resolve("throughput.svg");
		Files.writeString(throughput, Charts.throughput(JmhResult.all(list)), StandardCharsets.UTF_8);
		System.out.println("Wrote " + throughput);
		if (!latency.isEmpty()) {
			Path latencyChart = svgDir.resolve("latency.svg");
			Files.writeString(latencyChart, Charts.latency(latency), StandardCharsets.UTF_8);
			System.out.println("Wrote " + latencyChart);
		}
	}

	/** The document without latency results. */
	static String render(String source, List<?> results, Map<String, String> run) {
		return render(source, results, run, Map.of());
	}

	/**
	 * The whole markdown document.
	 * @param source name of the JSON file, quoted in the document
	 * @param results the parsed JSON array
	 * @param run descriptions of the run: {@code command}, {@code nproc}, {@code machine}, {@code java-version},
	 * {@code date}
	 * @param latency rows of each latency CSV, by load model (may be empty)
	 */
	static String render(String source, List<?> results, Map<String, String> run,
			Map<String, List<LatencyRow>> latency) {
		return render(source, results, run, latency, Map.of());
	}

	/**
	 * The whole markdown document, with the round-by-round latencies of the interleaved models.
	 * @param rounds rows of each rounds CSV, by load model (may be empty)
	 */
	static String render(String source, List<?> results, Map<String, String> run,
			Map<String, List<LatencyRow>> latency, Map<String, List<LatencyRoundRow>> rounds) {
		StringBuilder out = new StringBuilder();
		out.append("# Benchmark results\n\n");
		out.append("Generated by `scripts/run-benchmarks.sh` from `").append(source)
			.append("` (JMH JSON in this folder); do not edit by hand.\n\n");
		appendRun(out, results, run);
		List<LatencyRow> constant = latency.getOrDefault("constant", List.of());
		out.append(Goals.render(
				Goals.judge(JmhResult.all(results), constant, rounds.getOrDefault("constant", List.of()))));
		out.append("Charts: [`throughput.svg`](throughput.svg) (speed relative to Spring, per table)");
		if (!latency.isEmpty()) {
			out.append(", [`latency.svg`](latency.svg) (latency percentiles per subject)");
		}
		out.append(". Field layouts of the padded classes: [`layout.txt`](layout.txt).\n\n");
		out.append("## Results\n\n");
		out.append("Score ± error is JMH's 99.9% confidence interval (`NaN` when there were too few iterations). ")
			.append("B/op is `gc.alloc.rate.norm` from `-prof gc`; B/event divides it by `eventsPerOp`. ")
			.append("\"vs\" is the speed relative to the Spring baseline of the same table: ")
			.append("above 1 means faster than Spring.\n\n");
		Map<String, List<Map<?, ?>>> tables = new LinkedHashMap<>();
		for (Object result : results) {
			if (result instanceof Map<?, ?> map) {
				tables.computeIfAbsent(tableKey(map), (key) -> new ArrayList<>()).add(map);
			}
		}
		List<List<Map<?, ?>>> ordered = new ArrayList<>(tables.values());
		// JMH runs methods in alphabetical order; a class's tables read better by thread count.
		ordered.sort(Comparator.comparing((List<Map<?, ?>> rows) -> benchmarkClass(rows.get(0)))
			.thenComparingInt((rows) -> integer(rows.get(0).get("threads"))));
		for (List<Map<?, ?>> rows : ordered) {
			appendTable(out, tableKey(rows.get(0)), rows);
		}
		if (!latency.isEmpty()) {
			out.append(LatencyTables.render(latency, rounds));
		}
		return out.toString();
	}

	/**
	 * The fork count of the results: one number when all agree, else the most common one followed by the
	 * benchmark classes run with another, e.g. {@code 1 (3: RegistrationChurnBenchmark)}.
	 */
	static String forks(List<?> results) {
		Map<Integer, Set<String>> classesByForks = new TreeMap<>();
		Map<Integer, Integer> counts = new TreeMap<>();
		for (Object result : results) {
			if (result instanceof Map<?, ?> map) {
				int forks = integer(map.get("forks"));
				String benchmarkClass = benchmarkClass(map);
				classesByForks.computeIfAbsent(forks, (key) -> new TreeSet<>())
					.add(benchmarkClass.substring(benchmarkClass.lastIndexOf('.') + 1));
				counts.merge(forks, 1, Integer::sum);
			}
		}
		if (counts.isEmpty()) {
			return "not recorded";
		}
		int usual = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
		StringBuilder text = new StringBuilder().append(usual);
		classesByForks.forEach((forks, classes) -> {
			if (forks != usual) {
				text.append(" (").append(forks).append(": ").append(String.join(", ", classes)).append(')');
			}
		});
		return text.toString();
	}

	private static void appendRun(StringBuilder out, List<?> results, Map<String, String> run) {
		out.append("## How it was measured\n\n");
		out.append("- Date: ").append(run.getOrDefault("date", "not recorded")).append('\n');
		out.append("- Processors (`nproc`): ").append(run.getOrDefault("nproc", "not recorded")).append('\n');
		if (run.containsKey("machine")) {
			out.append("- Machine: ").append(run.get("machine").strip()).append('\n');
		}
		if (!results.isEmpty() && results.get(0) instanceof Map<?, ?> first) {
			out.append("- JMH ").append(first.get("jmhVersion")).append(", forks ").append(forks(results))
				.append(", warmup ").append(integer(first.get("warmupIterations"))).append(" × ")
				.append(first.get("warmupTime")).append(", measurement ")
				.append(integer(first.get("measurementIterations"))).append(" × ").append(first.get("measurementTime"))
				.append('\n');
			out.append("- JVM: ").append(first.get("vmName")).append(' ').append(first.get("vmVersion"));
			Object jvmArgs = first.get("jvmArgs");
			if (jvmArgs instanceof List<?> list && !list.isEmpty()) {
				out.append(", arguments `").append(String.join(" ", list.stream().map(String::valueOf).toList()))
					.append('`');
			}
			out.append('\n');
		}
		out.append('\n');
		if (run.containsKey("java-version")) {
			out.append("`java -version`:\n\n```\n").append(run.get("java-version").strip()).append("\n```\n\n");
		}
		if (run.containsKey("command")) {
			out.append("Command:\n\n```\n").append(run.get("command").strip()).append("\n```\n\n");
		}
		out.append("Other programs shared the machine unless stated otherwise: read the numbers as indications, ")
			.append("and compare subjects within one table only.\n\n");
	}

	private static void appendTable(StringBuilder out, String heading, List<Map<?, ?>> rows) {
		Map<?, ?> baseline = baseline(rows);
		boolean perEvent = params(rows.get(0)).containsKey(EVENTS_PER_OP);
		List<String> operations = operationMetrics(rows.get(0));
		String ratioMetric = operations.stream().filter((name) -> name.toLowerCase(Locale.ROOT).contains("publish"))
			.findFirst()
			.orElse(null);
		out.append("### ").append(heading).append("\n\n");
		out.append("| subject | score |");
		for (String operation : operations) {
			out.append(' ').append(operation).append(" |");
		}
		out.append(" B/op |");
		if (perEvent) {
			out.append(" B/event |");
		}
		out.append(" vs ").append((baseline != null) ? subject(baseline) : "spring");
		if (ratioMetric != null) {
			out.append(" (").append(ratioMetric).append(')');
		}
		out.append(" |\n");
		out.append("| --- | ---: |");
		out.append(" ---: |".repeat(operations.size()));
		out.append(" ---: |");
		if (perEvent) {
			out.append(" ---: |");
		}
		out.append(" ---: |\n");
		for (Map<?, ?> row : rows) {
			Map<?, ?> primary = (Map<?, ?>) row.get("primaryMetric");
			double score = JsonReader.number(primary.get("score"));
			double error = JsonReader.number(primary.get("scoreError"));
			double bytes = allocation(row);
			out.append("| ").append(subject(row)).append(" | ").append(format(score)).append(" ± ")
				.append(format(error, score)).append(' ').append(primary.get("scoreUnit")).append(" |");
			for (String operation : operations) {
				out.append(' ').append(format(secondary(row, operation))).append(" |");
			}
			out.append(' ').append(bytes(bytes)).append(" |");
			if (perEvent) {
				double events = Double.parseDouble(String.valueOf(params(row).get(EVENTS_PER_OP)));
				out.append(' ').append(bytes(bytes / events)).append(" |");
			}
			out.append(' ').append(ratio(row, baseline, ratioMetric)).append(" |\n");
		}
		out.append('\n');
	}

	/**
	 * Secondary results in the primary score's unit other than the profilers': the methods of a JMH group
	 * and {@code @AuxCounters}. A group's primary score sums its methods, so these are what to read.
	 */
	private static List<String> operationMetrics(Map<?, ?> result) {
		List<String> names = new ArrayList<>();
		Object unit = ((Map<?, ?>) result.get("primaryMetric")).get("scoreUnit");
		if (result.get("secondaryMetrics") instanceof Map<?, ?> secondary) {
			secondary.forEach((name, metric) -> {
				if (!String.valueOf(name).startsWith("gc.") && metric instanceof Map<?, ?> values
						&& String.valueOf(values.get("scoreUnit")).equals(String.valueOf(unit))) {
					names.add(String.valueOf(name));
				}
			});
		}
		return names;
	}

	private static double secondary(Map<?, ?> result, String name) {
		if (result.get("secondaryMetrics") instanceof Map<?, ?> secondary
				&& secondary.get(name) instanceof Map<?, ?> metric) {
			return JsonReader.number(metric.get("score"));
		}
		return Double.NaN;
	}

	/** Benchmark method, mode, threads and every parameter but the subject: rows sharing it form a table. */
	private static String tableKey(Map<?, ?> result) {
		StringBuilder key = new StringBuilder(JmhResult.shortName(String.valueOf(result.get("benchmark"))));
		key.append(" (").append(result.get("mode"));
		int threads = integer(result.get("threads"));
		key.append(", ").append(threads).append((threads == 1) ? " thread" : " threads");
		params(result).forEach((param, value) -> {
			if (!SUBJECT.equals(param)) {
				key.append(", ").append(param).append('=').append(value);
			}
		});
		return key.append(')').toString();
	}

	private static String benchmarkClass(Map<?, ?> result) {
		String benchmark = String.valueOf(result.get("benchmark"));
		int lastDot = benchmark.lastIndexOf('.');
		return (lastDot > 0) ? benchmark.substring(0, lastDot) : benchmark;
	}

	private static Map<String, Object> params(Map<?, ?> result) {
		Map<String, Object> params = new TreeMap<>();
		if (result.get("params") instanceof Map<?, ?> map) {
			map.forEach((name, value) -> params.put(String.valueOf(name), value));
		}
		return params;
	}

	private static String subject(Map<?, ?> result) {
		Object subject = params(result).get(SUBJECT);
		return (subject != null) ? String.valueOf(subject) : "(no subject)";
	}

	private static Map<?, ?> baseline(List<Map<?, ?>> rows) {
		for (Map<?, ?> row : rows) {
			String subject = subject(row);
			if (subject.equals("spring") || subject.startsWith("spring-")) {
				return row;
			}
		}
		return null;
	}

	private static double allocation(Map<?, ?> result) {
		if (result.get("secondaryMetrics") instanceof Map<?, ?> secondary
				&& secondary.get(ALLOCATION) instanceof Map<?, ?> metric) {
			return JsonReader.number(metric.get("score"));
		}
		return Double.NaN;
	}

	private static String ratio(Map<?, ?> row, Map<?, ?> baseline, String metric) {
		if (baseline == null) {
			return "–";
		}
		double score = (metric != null) ? secondary(row, metric)
				: JsonReader.number(((Map<?, ?>) row.get("primaryMetric")).get("score"));
		double base = (metric != null) ? secondary(baseline, metric)
				: JsonReader.number(((Map<?, ?>) baseline.get("primaryMetric")).get("score"));
		boolean higherIsBetter = "thrpt".equals(row.get("mode"));
		double ratio = higherIsBetter ? score / base : base / score;
		return (Double.isFinite(ratio)) ? String.format(Locale.ROOT, "%.2f×", ratio) : "–";
	}

	private static String bytes(double bytes) {
		if (Double.isNaN(bytes)) {
			return "n/a";
		}
		return (Math.abs(bytes) < 0.05) ? "≈ 0" : format(bytes);
	}

	/** A number with precision that suits its size: 81.2, 3.600, 12,011. */
	static String format(double value) {
		return format(value, value);
	}

	/** {@code value} with the precision chosen for {@code magnitude}, so a score and its error align. */
	static String format(double value, double magnitude) {
		if (Double.isNaN(value)) {
			return "NaN";
		}
		double size = Math.abs(magnitude);
		String pattern = (size >= 1000) ? "%,.0f" : (size >= 10) ? "%.1f" : "%.3f";
		return String.format(Locale.ROOT, pattern, value);
	}

	private static int integer(Object value) {
		double number = JsonReader.number(value);
		return Double.isNaN(number) ? 0 : (int) number;
	}

}
