package dev.lockfree.events.ring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.lockfree.events.OverflowPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A full lane is handled by the overflow policy, with exact counts, and never makes a worker thread wait.
 */
class LanesOverflowTests {

	private static final int CAPACITY = 4;

	private final LanesFixture fixture = new LanesFixture();

	private final CountDownLatch gate = new CountDownLatch(1);

	private final CountDownLatch firstTaken = new CountDownLatch(1);

	private final List<Integer> delivered = new CopyOnWriteArrayList<>();

	@AfterEach
	void shutdown() {
		this.gate.countDown();
		this.fixture.close();
	}

	@ParameterizedTest
	@EnumSource(value = OverflowPolicy.class, names = { "CALLER_RUNS", "DROP", "FAIL" })
	void fullLaneIsHandledByThePolicyAndCountedExactly(OverflowPolicy policy) throws Exception {
		Lanes<Integer> lanes = fullLane(policy);
		List<OfferOutcome> outcomes = new ArrayList<>();
		for (int i = CAPACITY + 1; i < CAPACITY + 4; i++) {
			outcomes.add(lanes.offer(0, i));
		}
		OfferOutcome expected = switch (policy) {
			case CALLER_RUNS -> OfferOutcome.RUN_ON_CALLER;
			case DROP -> OfferOutcome.DROPPED;
			case FAIL -> OfferOutcome.REJECTED;
			case BLOCK -> throw new IllegalStateException();
		};
		assertThat(outcomes).containsOnly(expected).hasSize(3);
		for (OverflowPolicy counted : OverflowPolicy.values()) {
			assertThat(lanes.overflowed(counted)).as(counted.name()).isEqualTo((counted == policy) ? 3 : 0);
		}
		this.gate.countDown();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.delivered).containsExactly(0, 1, 2,
				3, 4));
	}

	@Test
	void blockedPublisherCompletesOnceTheLaneHasRoomAndNothingIsLost() throws Exception {
		Lanes<Integer> lanes = fullLane(OverflowPolicy.BLOCK);
		CompletableFuture<OfferOutcome> blocked = new CompletableFuture<>();
		LanesFixture.startThread("blocked-publisher", () -> blocked.complete(lanes.offer(0, CAPACITY + 1)));
		await().atMost(Duration.ofSeconds(5)).until(() -> lanes.overflowed(OverflowPolicy.BLOCK) == 1);
		assertThat(blocked).isNotDone();
		this.gate.countDown();
		assertThat(blocked.get(5, TimeUnit.SECONDS)).isEqualTo(OfferOutcome.ENQUEUED);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.delivered).containsExactly(0, 1, 2, 3, 4, 5));
		assertThat(lanes.overflowed(OverflowPolicy.BLOCK)).isEqualTo(1);
		assertThat(lanes.overflowed(OverflowPolicy.CALLER_RUNS)).isZero();
	}

	@Test
	void blockedPublisherRunsOnCallerWhenTheLanesStop() throws Exception {
		Lanes<Integer> lanes = fullLane(OverflowPolicy.BLOCK);
		CompletableFuture<OfferOutcome> blocked = new CompletableFuture<>();
		LanesFixture.startThread("blocked-publisher", () -> blocked.complete(lanes.offer(0, CAPACITY + 1)));
		await().atMost(Duration.ofSeconds(5)).until(() -> lanes.overflowed(OverflowPolicy.BLOCK) == 1);
		Thread stopper = LanesFixture.startThread("stopper", () -> lanes.shutdown(Duration.ofSeconds(30)));
		assertThat(blocked.get(5, TimeUnit.SECONDS)).isEqualTo(OfferOutcome.RUN_ON_CALLER);
		this.gate.countDown();
		LanesFixture.join(stopper);
		assertThat(this.delivered).containsExactly(0, 1, 2, 3, 4);
	}

	@Test
	void offerFromAWorkerIntoItsOwnFullLaneRunsOnCallerInsteadOfBlocking() throws Exception {
		List<OfferOutcome> innerOutcomes = new CopyOnWriteArrayList<>();
		List<String> handled = new CopyOnWriteArrayList<>();
		CountDownLatch innerOffersDone = new CountDownLatch(1);
		Lanes<String>[] holder = new Lanes[1];
		Lanes<String> lanes = this.fixture.lanes(LanesFixture.options()
			.lanes(1)
			.capacity(2)
			.overflowPolicy(OverflowPolicy.BLOCK)
			.build(), (delivery) -> {
				handled.add(delivery);
				if (delivery.equals("trigger")) {
					for (int i = 0; i < 3; i++) {
						innerOutcomes.add(holder[0].offer(0, "inner-" + i));
					}
					innerOffersDone.countDown();
				}
			});
		holder[0] = lanes;
		lanes.offer(0, "trigger");
		assertThat(innerOffersDone.await(5, TimeUnit.SECONDS)).as("inner offers finished").isTrue();
		assertThat(innerOutcomes).containsExactly(OfferOutcome.ENQUEUED, OfferOutcome.ENQUEUED,
				OfferOutcome.RUN_ON_CALLER);
		assertThat(lanes.overflowed(OverflowPolicy.CALLER_RUNS)).isEqualTo(1);
		assertThat(lanes.overflowed(OverflowPolicy.BLOCK)).isZero();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(handled).containsExactly("trigger", "inner-0", "inner-1"));
	}

	/**
	 * Lanes with one lane of {@link #CAPACITY} whose worker holds delivery 0 until {@link #gate} opens, and a
	 * ring holding 1 to {@link #CAPACITY}: the next offer meets a full lane.
	 */
	private Lanes<Integer> fullLane(OverflowPolicy policy) throws InterruptedException {
		Lanes<Integer> lanes = this.fixture.lanes(
				LanesFixture.options().lanes(1).capacity(CAPACITY).overflowPolicy(policy).build(), (delivery) -> {
					this.firstTaken.countDown();
					try {
						LanesFixture.await(this.gate);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					this.delivered.add(delivery);
				});
		assertThat(lanes.offer(0, 0)).isEqualTo(OfferOutcome.ENQUEUED);
		LanesFixture.await(this.firstTaken);
		for (int i = 1; i <= CAPACITY; i++) {
			assertThat(lanes.offer(0, i)).isEqualTo(OfferOutcome.ENQUEUED);
		}
		return lanes;
	}

}
