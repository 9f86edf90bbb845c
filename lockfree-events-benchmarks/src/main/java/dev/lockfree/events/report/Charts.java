package dev.lockfree.events.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.lockfree.events.latency.LatencyRow;

/**
 * Two charts as hand-written SVG text (no library), generated from the same data as the tables:
 * <ul>
 * <li>{@link #throughput}: for every results table with a Spring baseline, each other subject's speed
 * relative to that baseline, as horizontal bars on a logarithmic axis with a line at 1×;</li>
 * <li>{@link #latency}: for each single-rate load model, each subject's p50, p99, p99.9 and max latency as
 * grouped bars on a logarithmic axis (µs), and, for the stepped model, each subject's p99 at every step.</li>
 * </ul>
 */
final class Charts {

	private static final String FONT = "font-family=\"sans-serif\" font-size=\"11\"";

	private static final int LABEL_WIDTH = 430;

	private static final int PLOT_WIDTH = 520;

	private static final int BAR_HEIGHT = 12;

	/** Colours of the latency percentiles, in order: p50, p99, p99.9, max. */
	private static final String[] PERCENTILE_COLOURS = { "#9ecae1", "#4292c6", "#08519c", "#08306b" };

	private static final String[] PERCENTILE_NAMES = { "p50", "p99", "p99.9", "max" };

	private Charts() {
	}

	/** The throughput chart: ratio to Spring per table and subject. */
	static String throughput(List<JmhResult> results) {
		List<String> labels = new ArrayList<>();
		List<Double> ratios = new ArrayList<>();
		List<String> subjects = new ArrayList<>();
		List<Integer> tableStarts = new ArrayList<>();
		List<String> tableNames = new ArrayList<>();
		for (List<JmhResult> table : Goals.tables(results, (r) -> true)) {
			Optional<JmhResult> baseline = table.stream().filter((r) -> isSpring(r.subject())).findFirst();
			if (baseline.isEmpty()) {
				continue;
			}
			tableStarts.add(labels.size());
			tableNames.add(Goals.tableName(table.get(0)) + " vs " + baseline.get().subject());
			for (JmhResult result : table) {
				if (result == baseline.get()) {
					continue;
				}
				labels.add(result.subject());
				subjects.add(result.subject());
				ratios.add(Goals.speedRatio(result, baseline.get()));
			}
		}
		double low = 0.1;
		double high = 10;
		for (double ratio : ratios) {
			if (Double.isFinite(ratio) && ratio > 0) {
				low = Math.min(low, Math.pow(10, Math.floor(Math.log10(ratio))));
				high = Math.max(high, Math.pow(10, Math.ceil(Math.log10(ratio))));
			}
		}
		int rowHeight = BAR_HEIGHT + 4;
		int top = 50;
		int height = top + (labels.size() + tableNames.size()) * rowHeight + 40;
		int width = LABEL_WIDTH + PLOT_WIDTH + 80;
		StringBuilder svg = header(width, height,
				"Throughput relative to Spring (same table, same JVM run); right of the 1× line is faster");
		LogAxis axis = new LogAxis(low, high, LABEL_WIDTH, LABEL_WIDTH + PLOT_WIDTH);
		axis.draw(svg, top - 8, height - 30, "×");
		int y = top;
		int bar = 0;
		for (int t = 0; t < tableNames.size(); t++) {
			text(svg, 8, y + BAR_HEIGHT - 2, "start", "bold", tableNames.get(t));
			y += rowHeight;
			int end = (t + 1 < tableStarts.size()) ? tableStarts.get(t + 1) : labels.size();
			for (; bar < end; bar++) {
				double ratio = ratios.get(bar);
				text(svg, LABEL_WIDTH - 6, y + BAR_HEIGHT - 2, "end", "normal", labels.get(bar));
				if (Double.isFinite(ratio) && ratio > 0) {
					double x1 = axis.x(Math.min(1.0, ratio));
					double x2 = axis.x(Math.max(1.0, ratio));
					svg.append(String.format(Locale.ROOT,
							"<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s: %.2f×</title></rect>%n",
							x1, y, Math.max(1, x2 - x1), BAR_HEIGHT, colour(subjects.get(bar)), escape(labels.get(bar)),
							ratio));
					text(svg, (int) x2 + 4, y + BAR_HEIGHT - 2, "start", "normal",
							String.format(Locale.ROOT, "%.2f×", ratio));
				}
				y += rowHeight;
			}
		}
		double one = axis.x(1.0);
		svg.append(String.format(Locale.ROOT,
				"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#d62728\" stroke-width=\"1.5\"/>%n", one,
				top - 8, one, height - 30));
		return svg.append("</svg>\n").toString();
	}

	/** The latency chart: percentiles per subject for the single-rate models, p99 per step for the stepped one. */
	static String latency(Map<String, List<LatencyRow>> byModel) {
		List<LatencyRow> single = new ArrayList<>();
		List<LatencyRow> stepped = new ArrayList<>();
		byModel.forEach((model, rows) -> (model.equals("stepped") ? stepped : single).addAll(rows));
		double low = 1;
		double high = 10;
		for (LatencyRow row : byModel.values().stream().flatMap(List::stream).toList()) {
			for (double value : new double[] { row.p50(), row.p99(), row.p999(), row.max() }) {
				if (Double.isFinite(value) && value > 0) {
					low = Math.min(low, Math.pow(10, Math.floor(Math.log10(value))));
					high = Math.max(high, Math.pow(10, Math.ceil(Math.log10(value))));
				}
			}
		}
		int groupHeight = 4 * (BAR_HEIGHT - 2) + 10;
		int top = 70;
		int singleHeight = single.size() * groupHeight + 30 * countModels(single);
		Map<String, List<LatencyRow>> steppedBySubject = new LinkedHashMap<>();
		for (LatencyRow row : stepped) {
			steppedBySubject.computeIfAbsent(row.subject(), (key) -> new ArrayList<>()).add(row);
		}
		int steppedTop = top + singleHeight + 40;
		int steppedHeight = stepped.isEmpty() ? 0 : 260;
		int width = LABEL_WIDTH + PLOT_WIDTH + 80;
		int height = steppedTop + steppedHeight + 60;
		StringBuilder svg = header(width, height,
				"Publish-to-handled latency (µs, log scale), measured from each event's intended send time");
		for (int i = 0; i < PERCENTILE_NAMES.length; i++) {
			svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"34\" width=\"12\" height=\"10\" fill=\"%s\"/>%n",
					LABEL_WIDTH + i * 70, PERCENTILE_COLOURS[i]));
			text(svg, LABEL_WIDTH + i * 70 + 16, 43, "start", "normal", PERCENTILE_NAMES[i]);
		}
		LogAxis axis = new LogAxis(low, high, LABEL_WIDTH, LABEL_WIDTH + PLOT_WIDTH);
		if (!single.isEmpty()) {
			axis.draw(svg, top - 8, top + singleHeight, " µs");
		}
		int y = top;
		String model = null;
		for (LatencyRow row : single) {
			if (!row.model().equals(model)) {
				model = row.model();
				text(svg, 8, y + 12, "start", "bold",
						String.format(Locale.ROOT, "%s, %,d events/s", model, row.targetRate()));
				y += 30;
			}
			text(svg, LABEL_WIDTH - 6, y + 2 * (BAR_HEIGHT - 2), "end", "normal",
					String.format(Locale.ROOT, "%s (achieved %,.0f/s)", row.subject(), row.achievedRate()));
			double[] values = { row.p50(), row.p99(), row.p999(), row.max() };
			for (int i = 0; i < values.length; i++) {
				if (Double.isFinite(values[i]) && values[i] > 0) {
					double x2 = axis.x(values[i]);
					svg.append(String.format(Locale.ROOT,
							"<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s %s: %,.1f µs</title></rect>%n",
							LABEL_WIDTH, y + i * (BAR_HEIGHT - 2), Math.max(1, x2 - LABEL_WIDTH), BAR_HEIGHT - 3,
							PERCENTILE_COLOURS[i], escape(row.subject()), PERCENTILE_NAMES[i], values[i]));
					text(svg, (int) x2 + 4, y + i * (BAR_HEIGHT - 2) + BAR_HEIGHT - 4, "start", "normal",
							String.format(Locale.ROOT, "%,.1f", values[i]));
				}
			}
			y += groupHeight;
		}
		if (!stepped.isEmpty()) {
			steppedChart(svg, steppedBySubject, steppedTop, steppedHeight, low, high);
		}
		return svg.append("</svg>\n").toString();
	}

	/** p99 per step (x: target rate of the step, log scale; y: p99, log scale), one line per subject. */
	private static void steppedChart(StringBuilder svg, Map<String, List<LatencyRow>> bySubject, int top, int height,
			double low, double high) {
		text(svg, 8, top - 12, "start", "bold", "stepped: p99 per step (x: target events/s; y: µs; both log scale)");
		long minRate = Long.MAX_VALUE;
		long maxRate = 1;
		for (List<LatencyRow> rows : bySubject.values()) {
			for (LatencyRow row : rows) {
				minRate = Math.min(minRate, row.targetRate());
				maxRate = Math.max(maxRate, row.targetRate());
			}
		}
		int left = 80;
		int right = LABEL_WIDTH + PLOT_WIDTH - 160;
		int bottom = top + height - 30;
		LogAxis x = new LogAxis(Math.pow(10, Math.floor(Math.log10(minRate))),
				Math.pow(10, Math.ceil(Math.log10(maxRate))), left, right);
		x.draw(svg, top, bottom, "/s");
		double lowLog = Math.log10(low);
		double span = Math.log10(high) - lowLog;
		for (double tick = low; tick <= high * 1.0001; tick *= 10) {
			double ty = bottom - (Math.log10(tick) - lowLog) / span * (bottom - top);
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eeeeee\"/>%n", left, ty, right, ty));
			text(svg, left - 4, (int) ty + 4, "end", "normal", LogAxis.format(tick) + " µs");
		}
		int legend = 0;
		for (Map.Entry<String, List<LatencyRow>> entry : bySubject.entrySet()) {
			String colour = colour(entry.getKey(), legend);
			StringBuilder points = new StringBuilder();
			for (LatencyRow row : entry.getValue()) {
				if (Double.isFinite(row.p99()) && row.p99() > 0) {
					double py = bottom - (Math.log10(row.p99()) - lowLog) / span * (bottom - top);
					points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.x(row.targetRate()), py));
				}
			}
			svg.append(String.format(Locale.ROOT,
					"<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"><title>%s</title></polyline>%n",
					points.toString().trim(), colour, escape(entry.getKey())));
			svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/>%n",
					right + 20, top + 10 + legend * 16, colour));
			text(svg, right + 36, top + 15 + legend * 16, "start", "normal", entry.getKey());
			legend++;
		}
	}

	private static int countModels(List<LatencyRow> rows) {
		return (int) rows.stream().map(LatencyRow::model).distinct().count();
	}

	private static boolean isSpring(String subject) {
		return subject.equals("spring") || subject.startsWith("spring-");
	}

	/** Our subjects in blue, the Disruptor in orange, floors (loop, floor, raw queue) in grey, others in green. */
	private static String colour(String subject) {
		if (subject.startsWith("lockfree")) {
			return "#1f77b4";
		}
		if (subject.startsWith("disruptor")) {
			return "#ff7f0e";
		}
		if (subject.equals("loop") || subject.equals("floor") || subject.startsWith("jctools")) {
			return "#999999";
		}
		return "#2ca02c";
	}

	/** A distinct colour per line of the stepped chart. */
	private static String colour(String subject, int index) {
		String[] palette = { "#1f77b4", "#17becf", "#9467bd", "#8c564b", "#2ca02c", "#ff7f0e", "#e377c2", "#7f7f7f" };
		return palette[index % palette.length];
	}

	private static StringBuilder header(int width, int height, String title) {
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" %s>%n",
				width, height, width, height, FONT));
		svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
		text(svg, 8, 20, "start", "bold", title);
		return svg;
	}

	private static void text(StringBuilder svg, int x, int y, String anchor, String weight, String text) {
		svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" font-weight=\"%s\">%s</text>%n",
				x, y, anchor, weight, escape(text)));
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	/** A logarithmic axis from {@code low} to {@code high} (powers of ten) mapped onto pixels. */
	private static final class LogAxis {

		private final double low;

		private final double high;

		private final int from;

		private final int to;

		LogAxis(double low, double high, int from, int to) {
			this.low = low;
			this.high = (high > low) ? high : low * 10;
			this.from = from;
			this.to = to;
		}

		double x(double value) {
			double clamped = Math.max(this.low, Math.min(this.high, value));
			return this.from + (Math.log10(clamped) - Math.log10(this.low))
					/ (Math.log10(this.high) - Math.log10(this.low)) * (this.to - this.from);
		}

		/** Vertical grid lines at each power of ten, labelled with the unit below. */
		void draw(StringBuilder svg, int top, int bottom, String unit) {
			for (double tick = this.low; tick <= this.high * 1.0001; tick *= 10) {
				double tx = x(tick);
				svg.append(String.format(Locale.ROOT,
						"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#dddddd\"/>%n", tx, top, tx, bottom));
				text(svg, (int) tx, bottom + 14, "middle", "normal", format(tick) + unit);
			}
		}

		static String format(double tick) {
			if (tick >= 1_000_000) {
				return String.format(Locale.ROOT, "%.0fM", tick / 1_000_000);
			}
			if (tick >= 1000) {
				return String.format(Locale.ROOT, "%.0fk", tick / 1000);
			}
			return (tick >= 1) ? String.format(Locale.ROOT, "%.0f", tick) : String.format(Locale.ROOT, "%s", tick);
		}

	}

}
