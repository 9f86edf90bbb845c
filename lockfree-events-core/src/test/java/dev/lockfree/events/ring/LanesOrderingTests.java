package dev.lockfree.events.ring;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import dev.lockfree.events.OverflowPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each producer's deliveries to a lane reach the handler exactly once and in the order they were offered.
 */
class LanesOrderingTests {

	private static final int PRODUCERS = 4;

	private static final int PER_PRODUCER = 100_000;

	private final LanesFixture fixture = new LanesFixture();

	@AfterEach
	void shutdown() {
		this.fixture.close();
	}

	@ParameterizedTest(name = "{0} lane(s)")
	@ValueSource(ints = { 1, 2 })
	void everyDeliveryArrivesOnceAndEachProducersSequenceIsIncreasing(int laneCount) throws Exception {
		AtomicIntegerArray lastSequence = new AtomicIntegerArray(PRODUCERS);
		for (int p = 0; p < PRODUCERS; p++) {
			lastSequence.set(p, -1);
		}
		AtomicIntegerArray seen = new AtomicIntegerArray(PRODUCERS * PER_PRODUCER);
		AtomicInteger outOfOrder = new AtomicInteger();
		AtomicLong delivered = new AtomicLong();
		Lanes<Sequenced> lanes = this.fixture.lanes(LanesFixture.options()
			.lanes(laneCount)
			.capacity(1024)
			.overflowPolicy(OverflowPolicy.BLOCK)
			.build(), (delivery) -> {
				if (delivery.sequence() <= lastSequence.getAndSet(delivery.producer(), delivery.sequence())) {
					outOfOrder.incrementAndGet();
				}
				seen.incrementAndGet(delivery.producer() * PER_PRODUCER + delivery.sequence());
				delivered.incrementAndGet();
			});
		AtomicInteger notEnqueued = new AtomicInteger();
		List<Thread> producers = new ArrayList<>();
		for (int p = 0; p < PRODUCERS; p++) {
			int producer = p;
			producers.add(LanesFixture.startThread("producer-" + p, () -> {
				for (int s = 0; s < PER_PRODUCER; s++) {
					if (lanes.offer(producer % laneCount, new Sequenced(producer, s)) != OfferOutcome.ENQUEUED) {
						notEnqueued.incrementAndGet();
					}
				}
			}));
		}
		for (Thread producer : producers) {
			LanesFixture.join(producer);
		}
		await().atMost(java.time.Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(delivered.get()).isEqualTo((long) PRODUCERS * PER_PRODUCER));
		assertThat(notEnqueued.get()).isZero();
		assertThat(outOfOrder.get()).isZero();
		int notExactlyOnce = 0;
		for (int i = 0; i < seen.length(); i++) {
			if (seen.get(i) != 1) {
				notExactlyOnce++;
			}
		}
		assertThat(notExactlyOnce).as("deliveries not seen exactly once").isZero();
	}

	record Sequenced(int producer, int sequence) {
	}

}
