package dev.lockfree.events.latency;

/**
 * One line of a rounds CSV ({@code latency-<model>-rounds.csv}): what one subject measured in one round of an
 * interleaved single-rate run ({@link LatencyMain}), before its rounds were merged into its row of
 * {@code latency-<model>.csv}. Lets a reader (and {@code RESULTS.md}) see how steady each subject was, and
 * compare two subjects round by round, each pair measured seconds apart.
 *
 * @param round the round, from 1
 * @param row what the subject measured in that round alone
 */
public record LatencyRoundRow(int round, LatencyRow row) {

	/** The CSV header: the round, then the columns of {@link LatencyRow#CSV_HEADER}. */
	public static final String CSV_HEADER = "round," + LatencyRow.CSV_HEADER;

	/** This row as a CSV line. */
	public String toCsv() {
		return this.round + "," + this.row.toCsv();
	}

	/**
	 * Parse a line written by {@link #toCsv()}.
	 * @throws IllegalArgumentException if the line does not have the columns of {@link #CSV_HEADER}
	 */
	public static LatencyRoundRow parse(String line) {
		int comma = line.indexOf(',');
		if (comma < 0) {
			throw new IllegalArgumentException("Expected the columns " + CSV_HEADER + ", found: " + line);
		}
		return new LatencyRoundRow(Integer.parseInt(line.substring(0, comma)), LatencyRow.parse(line.substring(comma + 1)));
	}

}
