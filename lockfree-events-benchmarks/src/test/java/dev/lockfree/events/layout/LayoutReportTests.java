package dev.lockfree.events.layout;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The JOL report finds the lane's and the counter's fields and judges them padded. */
class LayoutReportTests {

	@Test
	void reportShowsTheLayoutsAndFindsEveryGroupACacheLineApart() throws Exception {
		LayoutReport.Report report = LayoutReport.report();
		assertThat(report.text()).contains("dev.lockfree.events.ring.Lane object internals")
			.contains("dev.lockfree.events.support.PaddedCounter object internals")
			.contains("LaneWakeField.sleeping")
			.contains("gap after LaneReadOnlyFields")
			.contains("gap after LaneWakeField")
			.contains("gap after LaneConsumerFields")
			.contains("dev.lockfree.events.stats.StripedCounter object internals")
			.contains("gap after StripedCounterCell0")
			.contains("gap after StripedCounterCell2")
			.contains("StripedCounter       cell3")
			.doesNotContain("TOO CLOSE");
		assertThat(report.padded()).isTrue();
	}

}
