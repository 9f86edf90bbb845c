package dev.lockfree.events.ring;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.lockfree.events.WaitStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every wait strategy delivers; PARK and BLOCK workers park when idle and publishers wake them (the fixture
 * disables the park safety net, so a lost wake-up would leave a delivery undelivered).
 */
class LanesWaitStrategyTests {

	private final LanesFixture fixture = new LanesFixture();

	@AfterEach
	void shutdown() {
		this.fixture.close();
	}

	@ParameterizedTest
	@EnumSource(WaitStrategy.class)
	void eachWaitStrategyDeliversEverything(WaitStrategy waitStrategy) throws Exception {
		AtomicInteger delivered = new AtomicInteger();
		Lanes<Integer> lanes = this.fixture.lanes(
				LanesFixture.options().lanes(2).capacity(256).waitStrategy(waitStrategy).build(),
				(delivery) -> delivered.incrementAndGet());
		Thread[] producers = new Thread[2];
		for (int p = 0; p < producers.length; p++) {
			int producer = p;
			producers[p] = LanesFixture.startThread("producer-" + p, () -> {
				for (int i = 0; i < 20_000; i++) {
					lanes.offer((i + producer) % 2, i);
				}
			});
		}
		for (Thread producer : producers) {
			LanesFixture.join(producer);
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(delivered).hasValue(40_000));
	}

	@ParameterizedTest
	@EnumSource(value = WaitStrategy.class, names = { "PARK", "BLOCK" })
	void idleWorkersParkAndALaterOfferIsDeliveredPromptly(WaitStrategy waitStrategy) {
		AtomicInteger delivered = new AtomicInteger();
		Lanes<Integer> lanes = this.fixture.lanes(
				LanesFixture.options().lanes(2).capacity(16).waitStrategy(waitStrategy).build(),
				(delivery) -> delivered.incrementAndGet());
		lanes.offer(0, 1);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(delivered).hasValue(1));
		for (int lane = 0; lane < 2; lane++) {
			Thread worker = lanes.workerThread(lane);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(worker.getState()).isIn(Thread.State.WAITING,
						Thread.State.TIMED_WAITING));
			assertThat(lanes.statistics().get(lane).workerState()).isEqualTo("IDLE");
		}
		lanes.offer(0, 2);
		lanes.offer(1, 3);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(delivered).hasValue(3));
	}

	@ParameterizedTest
	@EnumSource(value = WaitStrategy.class, names = { "PARK", "BLOCK" })
	void noWakeUpIsLostWhenThePublisherRacesTheWorkerGoingToSleep(WaitStrategy waitStrategy) {
		AtomicInteger delivered = new AtomicInteger();
		Lanes<Integer> lanes = this.fixture.lanes(
				LanesFixture.options().lanes(1).capacity(16).waitStrategy(waitStrategy).build(),
				(delivery) -> delivered.incrementAndGet());
		// One delivery at a time, offered a random moment after the previous one was handled: that is while the
		// worker finds the ring empty and goes to sleep (at once for BLOCK, after spinning and yielding for PARK).
		// PARK rounds are slower (the worker yields before parking), hence fewer of them.
		long jitterNanos = (waitStrategy == WaitStrategy.BLOCK) ? 2_000 : 40_000;
		int rounds = (waitStrategy == WaitStrategy.BLOCK) ? 20_000 : 3_000;
		for (int i = 0; i < rounds; i++) {
			assertThat(lanes.offer(0, i)).isEqualTo(OfferOutcome.ENQUEUED);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			while (delivered.get() <= i) {
				assertThat(System.nanoTime() - deadline).as("delivery %d woke the worker", i).isNegative();
				Thread.onSpinWait();
			}
			spin(ThreadLocalRandom.current().nextLong(jitterNanos));
		}
	}

	/**
	 * A PARK worker adapts how long it yields before parking to the gaps between its events: events that come a
	 * little after it parked (here 150 µs apart, more than the shortest window) widen the window, so that the
	 * worker stays awake between them; events far apart (5 ms) narrow it back to the shortest. A worker with a
	 * fixed window keeps the shortest and parks between every two events.
	 */
	@Test
	void aParkWorkerWidensItsYieldWindowForCloseEventsAndNarrowsItForSparseOnes() {
		AtomicInteger delivered = new AtomicInteger();
		Lanes<Integer> lanes = this.fixture.lanes(
				LanesFixture.options().lanes(1).capacity(16).waitStrategy(WaitStrategy.PARK).build(),
				(delivery) -> delivered.incrementAndGet());
		lanes.offer(0, 0);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(delivered).hasValue(1));
		LaneWorkerThread<?> worker = (LaneWorkerThread<?>) lanes.workerThread(0);
		assertThat(worker.yieldWindowNanos()).isEqualTo(LaneWorkerThread.MIN_YIELD_NANOS);
		int sent = 1;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (worker.yieldWindowNanos() == LaneWorkerThread.MIN_YIELD_NANOS && System.nanoTime() < deadline) {
			lanes.offer(0, sent++);
			spin(150_000);
		}
		assertThat(worker.yieldWindowNanos()).as("window after %d events 150 µs apart", sent)
			.isGreaterThan(LaneWorkerThread.MIN_YIELD_NANOS);
		for (int i = 0; i < 10; i++) {
			lanes.offer(0, sent++);
			spin(5_000_000);
		}
		int total = sent;
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(delivered).hasValue(total));
		assertThat(worker.yieldWindowNanos()).isEqualTo(LaneWorkerThread.MIN_YIELD_NANOS);
	}

	private static void spin(long nanos) {
		long until = System.nanoTime() + nanos;
		while (System.nanoTime() < until) {
			Thread.onSpinWait();
		}
	}

	@Test
	void spinAndYieldWorkersStayRunnableInsteadOfParking() {
		Lanes<Integer> spinning = this.fixture.lanes(LanesFixture.options().lanes(1).waitStrategy(WaitStrategy.SPIN)
			.build(), (delivery) -> {
			});
		spinning.start();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(spinning.statistics().get(0).workerState()).isEqualTo("IDLE"));
		assertThat(spinning.workerThread(0).getState()).isEqualTo(Thread.State.RUNNABLE);
		spinning.shutdown(Duration.ofSeconds(5));
	}

}
