package dev.lockfree.events.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import dev.lockfree.events.latency.LatencyRoundRow;
import dev.lockfree.events.latency.LatencyRow;

/**
 * Reads the latency CSVs that {@code LatencyMain} writes ({@code latency-constant.csv},
 * {@code latency-poisson.csv}, {@code latency-stepped.csv}) and renders them as markdown tables.
 */
final class LatencyTables {

	/** The load models, in the order they are reported. */
	static final List<String> MODELS = List.of("constant", "poisson", "stepped");

	/** The folder name that means "this run measured no latency". */
	static final String NONE = "none";

	private LatencyTables() {
	}

	/**
	 * Rows of each CSV present in {@code folder}, by model; models without a CSV are left out.
	 * @param folder where the CSVs are; {@code none} for no latency results at all
	 */
	static Map<String, List<LatencyRow>> read(Path folder) throws IOException {
		return readCsvs(folder, ".csv", LatencyRow::parse);
	}

	/**
	 * Rows of each rounds CSV ({@code latency-<model>-rounds.csv}) present in {@code folder}, by model; models
	 * without one (or run before rounds existed) are left out.
	 * @param folder where the CSVs are; {@code none} for no latency results at all
	 */
	static Map<String, List<LatencyRoundRow>> readRounds(Path folder) throws IOException {
		return readCsvs(folder, "-rounds.csv", LatencyRoundRow::parse);
	}

	/** The lines after the header of each {@code latency-<model><suffix>} in {@code folder}, parsed, by model. */
	private static <T> Map<String, List<T>> readCsvs(Path folder, String suffix, Function<String, T> parser)
			throws IOException {
		Map<String, List<T>> byModel = new LinkedHashMap<>();
		if (folder.toString().equals(NONE)) {
			return byModel;
		}
		for (String model : MODELS) {
			Path csv = folder.resolve("latency-" + model + suffix);
			if (!Files.isRegularFile(csv)) {
				continue;
			}
			List<T> rows = new ArrayList<>();
			List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
			for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
				if (!line.isBlank()) {
					rows.add(parser.apply(line));
				}
			}
			byModel.put(model, rows);
		}
		return byModel;
	}

	/**
	 * The section of {@code RESULTS.md} on the machine's own stalls: {@code machine-stalls.txt}
	 * ({@code dev.lockfree.events.latency.MachineStalls}) from {@code folder} as it is, with what it means; empty
	 * when the run wrote none.
	 */
	static String machineStalls(Path folder) throws IOException {
		Path file = folder.resolve("machine-stalls.txt");
		if (folder.toString().equals(NONE) || !Files.isRegularFile(file)) {
			return "";
		}
		return "## The machine's own stalls\n\n"
				+ "Right after the latency runs, `MachineStalls` spun one thread, then one per core, each reading the "
				+ "clock in a loop, and counted the gaps between two reads: time in which the thread did not run. "
				+ "A latency subject whose threads keep every core busy (the paced publisher never sleeps; our "
				+ "workers yield between events less than 400 µs apart) is exposed to the stalls of the second "
				+ "probe; a subject that parks its workers pays for a wake-up on every event instead.\n\n```\n"
				+ Files.readString(file, StandardCharsets.UTF_8).strip() + "\n```\n";
	}

	/**
	 * The p99 of each subject in each round of an interleaved model, by subject in the order first run,
	 * with the rounds in order.
	 */
	static Map<String, List<Double>> p99ByRound(List<LatencyRoundRow> rounds) {
		Map<String, List<Double>> bySubject = new LinkedHashMap<>();
		rounds.stream()
			.sorted((a, b) -> Integer.compare(a.round(), b.round()))
			.forEach((round) -> bySubject.computeIfAbsent(round.row().subject(), (s) -> new ArrayList<>())
				.add(round.row().p99()));
		return bySubject;
	}

	/** The latency section of {@code RESULTS.md}, without the round-by-round tables. */
	static String render(Map<String, List<LatencyRow>> byModel) {
		return render(byModel, Map.of());
	}

	/**
	 * The latency section of {@code RESULTS.md}: a table per model and, after the table of a model measured in
	 * interleaved rounds, each subject's p99 round by round.
	 */
	static String render(Map<String, List<LatencyRow>> byModel, Map<String, List<LatencyRoundRow>> roundsByModel) {
		StringBuilder out = new StringBuilder("## Latency\n\n");
		out.append("From `dev.lockfree.events.latency.LatencyMain` (CSV files `latency-<model>.csv` in this folder). ")
			.append("One publisher thread sends each event at its intended time; latency runs from that intended ")
			.append("time to the end of each listener call (so a held-up publisher cannot hide delay: no ")
			.append("coordinated omission), in µs. \"achieved\" is events per second whose deliveries were handled ")
			.append("during the step; \"unsent\" are events the publisher, held up, never sent before the run ended ")
			.append("(recorded at the delay they had reached); \"lost\" are deliveries (event × listener) dropped, ")
			.append("rejected or never handled. `lockfree` is our multicaster in async mode with default options ")
			.append("(overflow `block`); `lockfree-<policy>` uses another overflow policy. `direct` hands nothing ")
			.append("off: the publishing thread calls the listeners itself, so its latency is the publisher's own ")
			.append("delay (pacing, scheduling, stalls of the machine), the floor under every subject. What a ")
			.append("subject measures above `direct` is the cost of its hand-off (waking and scheduling its ")
			.append("threads included); where `direct` is as high as the others, the figure is the machine's, ")
			.append("not the dispatcher's.\n\n");
		byModel.forEach((model, rows) -> {
			boolean stepped = rows.stream().anyMatch((row) -> row.step() > 0);
			out.append("### ").append(model);
			if (!stepped && !rows.isEmpty()) {
				out.append(String.format(Locale.ROOT, " (%,d events/s)", rows.get(0).targetRate()));
			}
			out.append("\n\n| subject |");
			if (stepped) {
				out.append(" step | target/s |");
			}
			out.append(" achieved/s | p50 | p99 | p99.9 | max | sent | rejected | unsent | lost | note |\n| --- |");
			if (stepped) {
				out.append(" ---: | ---: |");
			}
			out.append(" ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
			for (LatencyRow row : rows) {
				out.append("| ").append(row.subject()).append(" |");
				if (stepped) {
					out.append(' ').append(row.step()).append(" | ")
						.append(String.format(Locale.ROOT, "%,d", row.targetRate())).append(" |");
				}
				out.append(' ').append(String.format(Locale.ROOT, "%,.0f", row.achievedRate())).append(" | ")
					.append(micros(row.p50())).append(" | ").append(micros(row.p99())).append(" | ")
					.append(micros(row.p999())).append(" | ").append(micros(row.max())).append(" | ")
					.append(String.format(Locale.ROOT, "%,d | %,d | %,d | %,d", row.sent(), row.rejected(),
							row.unsent(), row.lostDeliveries()))
					.append(" | ").append(row.note()).append(" |\n");
			}
			out.append('\n');
			List<LatencyRoundRow> rounds = roundsByModel.getOrDefault(model, List.of());
			if (!rounds.isEmpty()) {
				appendRounds(out, rounds);
			}
		});
		return out.toString();
	}

	/** Each subject's p99 in each round (µs), from {@code latency-<model>-rounds.csv}. */
	private static void appendRounds(StringBuilder out, List<LatencyRoundRow> rounds) {
		Map<String, List<Double>> bySubject = p99ByRound(rounds);
		int count = bySubject.values().stream().mapToInt(List::size).max().orElse(0);
		out.append("p99 (µs) round by round (`latency-").append(rounds.get(0).row().model())
			.append("-rounds.csv`; in each round the subjects ran one after the other, in this order):\n\n| subject |");
		for (int round = 1; round <= count; round++) {
			out.append(" round ").append(round).append(" |");
		}
		out.append("\n| --- |").append(" ---: |".repeat(count)).append('\n');
		bySubject.forEach((subject, p99s) -> {
			out.append("| ").append(subject).append(" |");
			for (double p99 : p99s) {
				out.append(' ').append(micros(p99)).append(" |");
			}
			out.append('\n');
		});
		out.append('\n');
	}

	private static String micros(double value) {
		return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,.1f", value);
	}

}
