package dev.lockfree.events.ring;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import dev.lockfree.events.stats.LaneStatistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lane statistics report capacity, size, remaining room, deliveries, batches and worker state.
 */
class LanesStatisticsTests {

	private final LanesFixture fixture = new LanesFixture();

	private final CountDownLatch gate = new CountDownLatch(1);

	@AfterEach
	void shutdown() {
		this.gate.countDown();
		this.fixture.close();
	}

	@Test
	void statisticsCountWhatEachLaneDelivered() {
		Lanes<Integer> lanes = this.fixture.lanes(LanesFixture.options().lanes(2).capacity(16).build(), (id) -> {
		});
		for (int i = 0; i < 10; i++) {
			lanes.offer(0, i);
		}
		for (int i = 0; i < 3; i++) {
			lanes.offer(1, i);
		}
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(lanes.statistics().get(0).delivered()).isEqualTo(10);
			assertThat(lanes.statistics().get(1).delivered()).isEqualTo(3);
		});
		LaneStatistics first = lanes.statistics().get(0);
		assertThat(first.index()).isZero();
		assertThat(first.capacity()).isEqualTo(16);
		assertThat(first.size()).isZero();
		assertThat(first.remaining()).isEqualTo(16);
		assertThat(first.batches()).isBetween(1L, 10L);
		LaneStatistics second = lanes.statistics().get(1);
		assertThat(second.index()).isOne();
		assertThat(second.batches()).isBetween(1L, 3L);
	}

	@Test
	void queuedDeliveriesShowAsSizeAndTakeRoom() throws Exception {
		CountDownLatch taken = new CountDownLatch(1);
		Lanes<Integer> lanes = this.fixture.lanes(LanesFixture.options().lanes(1).capacity(16).build(), (id) -> {
			taken.countDown();
			try {
				LanesFixture.await(this.gate);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		lanes.offer(0, 0);
		LanesFixture.await(taken);
		for (int i = 1; i <= 5; i++) {
			lanes.offer(0, i);
		}
		LaneStatistics blocked = lanes.statistics().get(0);
		assertThat(blocked.size()).isEqualTo(5);
		assertThat(blocked.remaining()).isEqualTo(11);
		assertThat(blocked.delivered()).as("the delivery in the handler has not finished").isZero();
		assertThat(blocked.workerState()).isEqualTo("RUNNING");
		this.gate.countDown();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			LaneStatistics drained = lanes.statistics().get(0);
			assertThat(drained.delivered()).isEqualTo(6);
			assertThat(drained.size()).isZero();
			assertThat(drained.workerState()).isEqualTo("IDLE");
		});
	}

	@Test
	void workerStateFollowsTheLifeCycle() {
		Lanes<Integer> lanes = this.fixture.lanes(LanesFixture.options().lanes(1).build(), (id) -> {
		});
		assertThat(lanes.statistics()).extracting(LaneStatistics::workerState).containsExactly("NEW");
		lanes.start();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(lanes.statistics().get(0).workerState()).isEqualTo("IDLE"));
		lanes.shutdown(Duration.ofSeconds(5));
		assertThat(lanes.statistics().get(0).workerState()).isEqualTo("STOPPED");
	}

}
