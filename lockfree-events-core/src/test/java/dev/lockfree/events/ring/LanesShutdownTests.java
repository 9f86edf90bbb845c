package dev.lockfree.events.ring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import dev.lockfree.events.OverflowPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shutdown delivers everything it accepted or counts it as abandoned, stops every worker, and makes later offers
 * run on the caller.
 */
class LanesShutdownTests {

	private static final int PUBLISHERS = 4;

	/** Upper bound per publisher; publishers stop soon after their first offer that the stop turns away. */
	private static final int PER_PUBLISHER = 1_000_000;

	private final LanesFixture fixture = new LanesFixture();

	private final CountDownLatch gate = new CountDownLatch(1);

	@AfterEach
	void shutdown() {
		this.gate.countDown();
		this.fixture.close();
	}

	@Test
	void underLoadEveryEnqueuedDeliveryIsDeliveredOnceAndEveryOtherRunsOnCaller() throws Exception {
		AtomicIntegerArray deliveries = new AtomicIntegerArray(PUBLISHERS * PER_PUBLISHER);
		AtomicInteger delivered = new AtomicInteger();
		Lanes<Integer> lanes = this.fixture.lanes(LanesFixture.options()
			.lanes(2)
			.capacity(256)
			.overflowPolicy(OverflowPolicy.BLOCK)
			.build(), (id) -> {
				deliveries.incrementAndGet(id);
				delivered.incrementAndGet();
			});
		OfferOutcome[] outcomes = new OfferOutcome[PUBLISHERS * PER_PUBLISHER];
		List<Thread> publishers = new ArrayList<>();
		for (int p = 0; p < PUBLISHERS; p++) {
			int first = p * PER_PUBLISHER;
			publishers.add(LanesFixture.startThread("publisher-" + p, () -> {
				int turnedAway = 0;
				for (int id = first; id < first + PER_PUBLISHER && turnedAway < 100; id++) {
					outcomes[id] = lanes.offer(id % 2, id);
					if (outcomes[id] == OfferOutcome.RUN_ON_CALLER) {
						turnedAway++;
					}
				}
			}));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> delivered.get() >= 10_000);
		int abandoned = lanes.shutdown(Duration.ofSeconds(5));
		for (Thread publisher : publishers) {
			LanesFixture.join(publisher);
		}
		int enqueued = 0;
		int ranOnCaller = 0;
		int wrong = 0;
		int offered = 0;
		for (int id = 0; id < outcomes.length; id++) {
			if (outcomes[id] == null) {
				continue;
			}
			offered++;
			if (outcomes[id] == OfferOutcome.ENQUEUED) {
				enqueued++;
				wrong += (deliveries.get(id) == 1) ? 0 : 1;
			}
			else if (outcomes[id] == OfferOutcome.RUN_ON_CALLER) {
				ranOnCaller++;
				wrong += (deliveries.get(id) == 0) ? 0 : 1;
			}
			else {
				wrong++;
			}
		}
		assertThat(abandoned).isZero();
		assertThat(wrong).as("deliveries not delivered exactly once when enqueued, or delivered when not").isZero();
		assertThat(enqueued + ranOnCaller).isEqualTo(offered);
		assertThat(delivered).hasValue(enqueued);
		assertThat(ranOnCaller).as("offers after the stop").isPositive();
		assertWorkersStopped(lanes);
		assertThat(lanes.isAccepting()).isFalse();
		assertThat(lanes.offer(0, 0)).isEqualTo(OfferOutcome.RUN_ON_CALLER);
	}

	@Test
	void aPublisherThatEnqueuesAsTheLanesStopDeliversTheLaneOnItsOwnThread() {
		List<String> deliveredOn = new java.util.concurrent.CopyOnWriteArrayList<>();
		Lanes<Integer> lanes = this.fixture.lanes(LanesFixture.options().lanes(1).build(),
				(id) -> deliveredOn.add(id + "@" + Thread.currentThread().getName()));
		lanes.start();
		assertThat(lanes.shutdown(Duration.ofSeconds(5))).isZero();
		assertWorkersStopped(lanes);
		// It read RUNNING, then the lanes stopped and the worker finished, then its enqueue succeeded.
		assertThat(lanes.offerPastStateCheck(0, 7)).isEqualTo(OfferOutcome.ENQUEUED);
		assertThat(deliveredOn).containsExactly("7@" + Thread.currentThread().getName());
		assertThat(lanes.statistics().get(0).size()).isZero();
	}

	@Test
	void timeoutAbandonsWhatIsQueuedCountsItAndInterruptsTheWorkers() throws Exception {
		AtomicInteger delivered = new AtomicInteger();
		AtomicInteger interrupted = new AtomicInteger();
		Lanes<Integer> lanes = blockedLane((id) -> {
			try {
				this.gate.await();
			}
			catch (InterruptedException ex) {
				interrupted.incrementAndGet();
				Thread.currentThread().interrupt();
			}
			delivered.incrementAndGet();
		});
		long start = System.nanoTime();
		int abandoned = lanes.shutdown(Duration.ofMillis(200));
		long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		assertThat(elapsedMillis).isBetween(200L, 2_200L);
		assertThat(abandoned).isEqualTo(5);
		assertThat(lanes.abandoned()).isEqualTo(5);
		assertThat(interrupted).hasValue(1);
		assertThat(delivered).hasValue(1);
		assertWorkersStopped(lanes);
	}

	@Test
	void handlerIgnoringTheInterruptHoldsItsRemainderUntilItReturnsThenItIsCountedNotDelivered() throws Exception {
		AtomicInteger delivered = new AtomicInteger();
		Lanes<Integer> lanes = blockedLane((id) -> {
			boolean interrupted = false;
			while (this.gate.getCount() > 0) {
				try {
					this.gate.await();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
			delivered.incrementAndGet();
		});
		int abandoned = lanes.shutdown(Duration.ofMillis(100));
		assertThat(abandoned).as("returned at once, counting what the stuck worker holds").isEqualTo(5);
		assertThat(lanes.abandoned()).as("counted when discarded").isZero();
		this.gate.countDown();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lanes.abandoned()).isEqualTo(5));
		assertWorkersStopped(lanes);
		assertThat(delivered).hasValue(1);
	}

	@Test
	void neverStartedLanesShutDownAtOnceWithoutCreatingThreads() {
		Lanes<Integer> lanes = this.fixture.lanes(LanesFixture.options().build(), (id) -> {
		});
		long start = System.nanoTime();
		assertThat(lanes.shutdown(Duration.ofSeconds(30))).isZero();
		assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(1));
		assertThat(lanes.workerThread(0)).isNull();
		assertThat(lanes.isAccepting()).isFalse();
		assertThat(lanes.offer(0, 1)).isEqualTo(OfferOutcome.RUN_ON_CALLER);
		assertThat(lanes.workerThread(0)).isNull();
	}

	@Test
	void shutdownIsIdempotent() {
		AtomicInteger delivered = new AtomicInteger();
		Lanes<Integer> lanes = this.fixture.lanes(LanesFixture.options().build(), (id) -> delivered.incrementAndGet());
		lanes.offer(0, 1);
		assertThat(lanes.shutdown(Duration.ofSeconds(5))).isZero();
		assertThat(lanes.shutdown(Duration.ofSeconds(5))).isZero();
		assertThat(delivered).hasValue(1);
		assertWorkersStopped(lanes);
	}

	@Test
	void shutdownFromAWorkerDoesNotWaitForItselfAndTheRestIsStillDelivered() throws Exception {
		List<Integer> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
		CountDownLatch stopped = new CountDownLatch(1);
		Lanes<Integer>[] holder = new Lanes[1];
		Lanes<Integer> lanes = this.fixture.lanes(LanesFixture.options().lanes(1).build(), (id) -> {
			if (id == 0) {
				try {
					LanesFixture.await(this.gate);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				holder[0].shutdown(Duration.ofSeconds(30));
				stopped.countDown();
			}
			delivered.add(id);
		});
		holder[0] = lanes;
		for (int id = 0; id < 4; id++) {
			assertThat(lanes.offer(0, id)).isEqualTo(OfferOutcome.ENQUEUED);
		}
		this.gate.countDown();
		assertThat(stopped.await(5, TimeUnit.SECONDS)).as("shutdown returned on the worker").isTrue();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(delivered).containsExactly(0, 1, 2, 3));
		assertWorkersStopped(lanes);
	}

	/** One lane of capacity 8 whose worker is inside the handler with delivery 0, and 5 deliveries queued. */
	private Lanes<Integer> blockedLane(DeliveryHandler<Integer> handler) throws InterruptedException {
		CountDownLatch taken = new CountDownLatch(1);
		Lanes<Integer> lanes = this.fixture.lanes(LanesFixture.options().lanes(1).capacity(8).build(), (id) -> {
			taken.countDown();
			handler.deliver(id);
		});
		lanes.offer(0, 0);
		LanesFixture.await(taken);
		for (int id = 1; id <= 5; id++) {
			assertThat(lanes.offer(0, id)).isEqualTo(OfferOutcome.ENQUEUED);
		}
		return lanes;
	}

	private static void assertWorkersStopped(Lanes<?> lanes) {
		for (int lane = 0; lane < lanes.count(); lane++) {
			Thread worker = lanes.workerThread(lane);
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(worker.isAlive()).isFalse());
			assertThat(lanes.statistics().get(lane).workerState()).isEqualTo("STOPPED");
		}
	}

}
