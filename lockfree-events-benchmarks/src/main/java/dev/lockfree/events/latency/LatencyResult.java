package dev.lockfree.events.latency;

import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;

/**
 * What a latency run of one subject measured, per step of its schedule, before it is summed up as
 * {@link LatencyRow}s: the histogram of latencies itself, the counts and the length of the measured window,
 * rather than percentiles and a rate. Percentiles and rates cannot be combined, histograms and counts can:
 * {@link LatencyMain} measures each subject of a single-rate model in several short rounds, interleaved with
 * the other subjects' so that all of them see the same stalls of the machine, and {@link #merge merges} the
 * rounds into one result, whose {@link #rows() rows} are those of one run as long as all the rounds together.
 */
final class LatencyResult {

	private final String model;

	private final String subject;

	private final int listeners;

	private final List<Step> steps;

	/**
	 * @param model the schedule's model ({@code constant}, {@code poisson} or {@code stepped})
	 * @param subject the subject's name
	 * @param listeners listeners of each event: each event sent is this many deliveries
	 * @param steps what was measured during each step of the schedule, in order
	 */
	LatencyResult(String model, String subject, int listeners, List<Step> steps) {
		this.model = model;
		this.subject = subject;
		this.listeners = listeners;
		this.steps = List.copyOf(steps);
	}

	/** Number of steps of the schedule (1 for the single-rate models). */
	int steps() {
		return this.steps.size();
	}

	/** What was measured during one step. */
	Step step(int step) {
		return this.steps.get(step);
	}

	/**
	 * This result and another of the same subject under the same model as one: step by step, histograms
	 * added, counts and measured windows summed, the first note that is not empty (this result's first). The
	 * rows of the merge are those of a single run in which the two runs' events had all been sent.
	 * @throws IllegalArgumentException if the other result has another number of steps, or is of another
	 * model, subject, number of listeners or target rates
	 */
	LatencyResult merge(LatencyResult other) {
		if (other.steps() != steps()) {
			throw new IllegalArgumentException(
					"Cannot merge results of different numbers of steps: " + steps() + " and " + other.steps());
		}
		if (!other.model.equals(this.model) || !other.subject.equals(this.subject)
				|| other.listeners != this.listeners) {
			throw new IllegalArgumentException("Cannot merge a result of " + other.model + " " + other.subject + " ("
					+ other.listeners + " listeners) into one of " + this.model + " " + this.subject + " ("
					+ this.listeners + " listeners)");
		}
		List<Step> merged = new ArrayList<>(steps());
		for (int i = 0; i < steps(); i++) {
			if (this.steps.get(i).targetRate() != other.steps.get(i).targetRate()) {
				throw new IllegalArgumentException("Cannot merge step " + i + " at " + other.steps.get(i).targetRate()
						+ " events/s into one at " + this.steps.get(i).targetRate() + " events/s");
			}
			merged.add(this.steps.get(i).merge(other.steps.get(i)));
		}
		return new LatencyResult(this.model, this.subject, this.listeners, merged);
	}

	/** One row per step: percentiles of the step's histogram, its counts, and its achieved rate. */
	List<LatencyRow> rows() {
		List<LatencyRow> rows = new ArrayList<>(steps());
		for (int i = 0; i < steps(); i++) {
			rows.add(row(i));
		}
		return rows;
	}

	private LatencyRow row(int index) {
		Step step = this.steps.get(index);
		Histogram latencies = step.latencies();
		// Unsent events are in the histogram (at the delay they had reached) but were never delivered.
		long recorded = latencies.getTotalCount() - step.unsent() * this.listeners;
		long lost = (step.sent() + step.rejected()) * this.listeners - recorded;
		double achieved = step.handled() / (double) this.listeners / (step.windowNanos() / 1e9);
		boolean empty = latencies.getTotalCount() == 0;
		return new LatencyRow(this.model, this.subject, index, step.targetRate(), achieved, step.sent(),
				step.rejected(), step.unsent(), lost, micros(latencies, 50.0, empty), micros(latencies, 99.0, empty),
				micros(latencies, 99.9, empty), empty ? Double.NaN : latencies.getMaxValue() / 1000.0, step.note());
	}

	private static double micros(Histogram histogram, double percentile, boolean empty) {
		return empty ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
	}

	/**
	 * What was measured during one step of a run.
	 * @param targetRate events per second the schedule asked for
	 * @param latencies latencies of the deliveries of the events intended for the step, in nanoseconds,
	 * including those of unsent events at the delay they had reached; a copy of its own, which nothing records
	 * into any more
	 * @param sent events handed to the subject
	 * @param rejected events the subject refused with an exception
	 * @param unsent events due by the end of the run that the publisher, held up, never sent
	 * @param handled deliveries handled during the step's window
	 * @param windowNanos length of the step's window; for the last step, up to the end of the drain if that is
	 * later than the end of the step, since the deliveries handled during the drain count in {@code handled}
	 * @param note empty, {@code backlog} (the run stopped during this step) or {@code not run} (it had stopped
	 * before)
	 */
	record Step(long targetRate, Histogram latencies, long sent, long rejected, long unsent, long handled,
			long windowNanos, String note) {

		/** This step and the same step of another run as one (see {@link LatencyResult#merge}). */
		Step merge(Step other) {
			Histogram latencies = new Histogram(this.latencies);
			latencies.add(this.latencies);
			latencies.add(other.latencies);
			return new Step(this.targetRate, latencies, this.sent + other.sent, this.rejected + other.rejected,
					this.unsent + other.unsent, this.handled + other.handled, this.windowNanos + other.windowNanos,
					this.note.isEmpty() ? other.note : this.note);
		}

	}

}
