package dev.lockfree.events.latency;

import java.util.Locale;

/**
 * One line of a latency CSV: one subject during one step of a load model (the single-rate models have one
 * step). Latencies are in microseconds, from each event's intended send time to the end of each listener
 * call; they include, at their lower bound, the deliveries of events the publisher never got to send.
 *
 * @param model {@code constant}, {@code poisson} or {@code stepped}
 * @param subject the subject's name
 * @param step the step, from 0
 * @param targetRate events per second the schedule asked for
 * @param achievedRate events per second whose deliveries were handled during the step (during the last step,
 * including the drain after the run)
 * @param sent events handed to the subject
 * @param rejected events the subject refused with an exception (overflow policy {@code fail})
 * @param unsent events whose intended time had come when the run ended but that the publisher, held up, never
 * sent
 * @param lostDeliveries deliveries (event × listener) of sent or rejected events that no listener handled:
 * dropped, rejected, or still queued when the drain timed out
 * @param p50 median latency, µs
 * @param p99 99th percentile, µs
 * @param p999 99.9th percentile, µs
 * @param max maximum, µs
 * @param note empty, or why the step was cut short ({@code backlog}: the subject fell so far behind that the
 * run stopped; {@code not run}: the run had stopped before this step)
 */
public record LatencyRow(String model, String subject, int step, long targetRate, double achievedRate, long sent,
		long rejected, long unsent, long lostDeliveries, double p50, double p99, double p999, double max,
		String note) {

	/** The CSV header, in the order of {@link #toCsv()}. */
	public static final String CSV_HEADER = "model,subject,step,target_rate,achieved_rate,sent,rejected,unsent,"
			+ "lost_deliveries,p50_us,p99_us,p999_us,max_us,note";

	/** This row as a CSV line (no quoting needed: no field holds a comma). */
	public String toCsv() {
		return String.join(",", this.model, this.subject, Integer.toString(this.step), Long.toString(this.targetRate),
				number(this.achievedRate), Long.toString(this.sent), Long.toString(this.rejected),
				Long.toString(this.unsent), Long.toString(this.lostDeliveries), number(this.p50), number(this.p99),
				number(this.p999), number(this.max), this.note);
	}

	/**
	 * Parse a line written by {@link #toCsv()}.
	 * @throws IllegalArgumentException if the line does not have the columns of {@link #CSV_HEADER}
	 */
	public static LatencyRow parse(String line) {
		String[] cells = line.split(",", -1);
		if (cells.length != 14) {
			throw new IllegalArgumentException("Expected 14 columns (" + CSV_HEADER + "), found " + cells.length
					+ ": " + line);
		}
		return new LatencyRow(cells[0], cells[1], Integer.parseInt(cells[2]), Long.parseLong(cells[3]),
				parseNumber(cells[4]), Long.parseLong(cells[5]), Long.parseLong(cells[6]), Long.parseLong(cells[7]),
				Long.parseLong(cells[8]), parseNumber(cells[9]), parseNumber(cells[10]), parseNumber(cells[11]),
				parseNumber(cells[12]), cells[13]);
	}

	private static String number(double value) {
		return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.1f", value);
	}

	private static double parseNumber(String cell) {
		return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
	}

}
