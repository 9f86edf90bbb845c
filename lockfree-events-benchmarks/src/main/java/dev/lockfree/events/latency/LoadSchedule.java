package dev.lockfree.events.latency;

import java.util.List;
import java.util.SplittableRandom;

/**
 * When each event of a latency run is meant to be sent: offsets in nanoseconds from the start of the run,
 * one after the other. Latency is measured from these intended times, not from when the publisher got round
 * to sending, so a publisher held up by a slow subject cannot hide the delay (no coordinated omission).
 *
 * <p>Three load models, the seed article's: {@link #constant constant} rate, {@link #poisson Poisson}
 * arrivals (exponential gaps, bursts and lulls at the same mean rate) and a {@link #stepped stepped} rate
 * that rises every step, past what a subject can sustain.
 */
public abstract class LoadSchedule {

	/** Name used in the CSV file name and its rows: {@code constant}, {@code poisson} or {@code stepped}. */
	private final String model;

	private final long stepNanos;

	private final List<Long> stepRates;

	LoadSchedule(String model, long stepNanos, List<Long> stepRates) {
		this.model = model;
		this.stepNanos = stepNanos;
		this.stepRates = List.copyOf(stepRates);
	}

	/**
	 * Events at exactly {@code ratePerSecond}, evenly spaced.
	 * @param durationNanos length of the run
	 */
	public static LoadSchedule constant(long ratePerSecond, long durationNanos) {
		return new LoadSchedule("constant", durationNanos, List.of(ratePerSecond)) {

			private long sent;

			@Override
			long nextOffset() {
				return (long) (this.sent++ * (1e9 / ratePerSecond));
			}

		};
	}

	/**
	 * Poisson arrivals at a mean of {@code ratePerSecond}: exponentially distributed gaps, from a fixed seed so
	 * that every subject sees the same arrivals.
	 * @param durationNanos length of the run
	 */
	public static LoadSchedule poisson(long ratePerSecond, long durationNanos, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		return new LoadSchedule("poisson", durationNanos, List.of(ratePerSecond)) {

			private double next;

			@Override
			long nextOffset() {
				long offset = (long) this.next;
				this.next += -Math.log(1.0 - random.nextDouble()) * (1e9 / ratePerSecond);
				return offset;
			}

		};
	}

	/**
	 * Evenly spaced events whose rate changes every {@code stepNanos}: {@code ratesPerSecond[0]} during the
	 * first step, {@code ratesPerSecond[1]} during the second, and so on; the run lasts one step per rate.
	 */
	public static LoadSchedule stepped(List<Long> ratesPerSecond, long stepNanos) {
		return new LoadSchedule("stepped", stepNanos, ratesPerSecond) {

			private double next;

			@Override
			long nextOffset() {
				long offset = (long) this.next;
				int step = (int) Math.min(offset / stepNanos, ratesPerSecond.size() - 1);
				this.next += 1e9 / ratesPerSecond.get(step);
				return offset;
			}

		};
	}

	/** The next event's intended send time, in nanoseconds from the start; never decreases. */
	abstract long nextOffset();

	/** {@code constant}, {@code poisson} or {@code stepped}. */
	public String model() {
		return this.model;
	}

	/** Length of one step; for the single-rate models, of the whole run. */
	public long stepNanos() {
		return this.stepNanos;
	}

	/** The target rate of each step, events per second; one element for the single-rate models. */
	public List<Long> stepRates() {
		return this.stepRates;
	}

	/** Number of steps (1 for the single-rate models). */
	public int steps() {
		return this.stepRates.size();
	}

	/** Length of the whole run. */
	public long durationNanos() {
		return this.stepNanos * this.stepRates.size();
	}

}
