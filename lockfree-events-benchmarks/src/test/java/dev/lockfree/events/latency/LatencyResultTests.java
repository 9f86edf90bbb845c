package dev.lockfree.events.latency;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Results of latency runs merge into one as if their events had all been sent in one run (histograms added,
 * counts and windows summed), and a single run's result gives the rows its counts and histogram say.
 */
class LatencyResultTests {

	private static final long HALF_SECOND = TimeUnit.MILLISECONDS.toNanos(500);

	@Test
	void mergeSumsCountsAndAddsHistograms() {
		// 2 listeners: 500 events (20 unsent) at 10 µs, then 500 (5 unsent, 5 rejected) at 1 ms, 10 deliveries lost.
		LatencyResult fast = result(new LatencyResult.Step(20_000, histogram(1000, 10_000), 480, 0, 20, 960,
				HALF_SECOND, ""));
		LatencyResult slow = result(new LatencyResult.Step(20_000, histogram(990, 1_000_000), 490, 5, 5, 980,
				HALF_SECOND, "backlog"));
		LatencyResult merged = fast.merge(slow);
		assertThat(merged.steps()).isEqualTo(1);
		assertThat(merged.step(0).latencies().getTotalCount()).isEqualTo(1990);
		assertThat(merged.step(0).windowNanos()).isEqualTo(2 * HALF_SECOND);
		LatencyRow row = merged.rows().get(0);
		assertThat(row.sent()).isEqualTo(970);
		assertThat(row.rejected()).isEqualTo(5);
		assertThat(row.unsent()).isEqualTo(25);
		assertThat(row.lostDeliveries()).isEqualTo(10);
		assertThat(row.achievedRate()).isCloseTo((960 + 980) / 2 / 1.0, within(0.001));
		assertThat(row.p50()).isCloseTo(10.0, within(0.1));
		assertThat(row.p99()).isCloseTo(1000.0, within(1.0));
		assertThat(row.max()).isCloseTo(1000.0, within(1.0));
		assertThat(row.note()).isEqualTo("backlog");
		assertThat(fast.rows().get(0).p99()).isCloseTo(10.0, within(0.1));
		assertThat(fast.step(0).latencies().getTotalCount()).as("merge leaves its inputs alone").isEqualTo(1000);
		assertThat(slow.merge(fast).rows().get(0).note()).isEqualTo("backlog");
	}

	@Test
	void mergeRejectsAnotherNumberOfStepsOrAnotherRate() {
		LatencyResult one = result(new LatencyResult.Step(1000, histogram(10, 1000), 10, 0, 0, 20, HALF_SECOND, ""));
		LatencyResult two = result(new LatencyResult.Step(1000, histogram(10, 1000), 10, 0, 0, 20, HALF_SECOND, ""),
				new LatencyResult.Step(2000, histogram(10, 1000), 10, 0, 0, 20, HALF_SECOND, ""));
		assertThatIllegalArgumentException().isThrownBy(() -> one.merge(two)).withMessageContaining("1 and 2");
		assertThatIllegalArgumentException().isThrownBy(() -> two.merge(one)).withMessageContaining("2 and 1");
		LatencyResult faster = result(new LatencyResult.Step(4000, histogram(10, 1000), 10, 0, 0, 20, HALF_SECOND, ""));
		assertThatIllegalArgumentException().isThrownBy(() -> one.merge(faster))
			.withMessage("Cannot merge step 0 at 4000 events/s into one at 1000 events/s");
	}

	@Test
	@Timeout(60)
	void rowsOfOneRunAreThoseOfItsCountsAndHistogram() {
		int listeners = 3;
		LatencyResult result = new LatencyRun("direct", listeners, 1_000_000, TimeUnit.SECONDS.toNanos(10))
			.measure(LoadSchedule.constant(2000, TimeUnit.MILLISECONDS.toNanos(300)));
		assertThat(result.steps()).isEqualTo(1);
		LatencyResult.Step step = result.step(0);
		Histogram latencies = step.latencies();
		LatencyRow row = result.rows().get(0);
		assertThat(row.model()).isEqualTo("constant");
		assertThat(row.subject()).isEqualTo("direct");
		assertThat(row.step()).isZero();
		assertThat(row.targetRate()).isEqualTo(2000);
		assertThat(row.sent()).isEqualTo(step.sent());
		assertThat(row.sent() + row.unsent()).isEqualTo(600);
		assertThat(row.rejected()).isZero();
		assertThat(latencies.getTotalCount()).isEqualTo(600 * listeners);
		assertThat(row.lostDeliveries()).isZero()
			.isEqualTo((step.sent() + step.rejected()) * listeners
					- (latencies.getTotalCount() - step.unsent() * listeners));
		// The only step is the last: its window runs to the end of the drain, at least the 300 ms of the run.
		assertThat(step.windowNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
		assertThat(step.handled()).isEqualTo(step.sent() * listeners);
		assertThat(row.achievedRate()).isEqualTo(step.handled() / (double) listeners / (step.windowNanos() / 1e9));
		assertThat(row.p50()).isEqualTo(latencies.getValueAtPercentile(50.0) / 1000.0);
		assertThat(row.p99()).isEqualTo(latencies.getValueAtPercentile(99.0) / 1000.0);
		assertThat(row.p999()).isEqualTo(latencies.getValueAtPercentile(99.9) / 1000.0);
		assertThat(row.max()).isEqualTo(latencies.getMaxValue() / 1000.0);
		assertThat(row.note()).isEmpty();
	}

	private static LatencyResult result(LatencyResult.Step... steps) {
		return new LatencyResult("constant", "lockfree", 2, List.of(steps));
	}

	private static Histogram histogram(int count, long nanos) {
		Histogram histogram = new Histogram(LatencyRecorder.MAX_LATENCY_NANOS, 3);
		histogram.recordValueWithCount(nanos, count);
		return histogram;
	}

}
