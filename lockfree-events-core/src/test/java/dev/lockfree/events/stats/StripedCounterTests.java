package dev.lockfree.events.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StripedCounterTests {

	@Test
	void concurrentIncrementsAreAllCountedAndAboutOneInThePeriodIsSampled() throws InterruptedException {
		StripedCounter counter = new StripedCounter();
		AtomicLong sampled = new AtomicLong();
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < 6; t++) {
			threads.add(new Thread(() -> {
				long mine = 0;
				for (int i = 0; i < 64_000; i++) {
					if ((counter.getAndIncrement() & 63) == 0) {
						mine++;
					}
				}
				sampled.addAndGet(mine);
			}));
		}
		threads.forEach(Thread::start);
		for (Thread thread : threads) {
			thread.join(10_000);
		}
		assertThat(counter.sum()).isEqualTo(6L * 64_000);
		// Every stripe samples exactly once per 64 of its increments (rounded up per stripe).
		assertThat(sampled.get()).isBetween(6L * 1_000, 6L * 1_000 + 4);
	}

	@Test
	void sealHandsOverTheTotalAndLaterIncrementsReportThatTheyCameLate() {
		StripedCounter counter = new StripedCounter();
		for (int i = 0; i < 5; i++) {
			assertThat(StripedCounter.isSealed(counter.getAndIncrement())).isFalse();
		}
		assertThat(counter.seal()).isEqualTo(5);
		assertThat(counter.sum()).isZero();
		long late = counter.getAndIncrement();
		assertThat(StripedCounter.isSealed(late)).isTrue();
		// Sampling still works on a sealed stripe: the low bits keep counting (one thread, one stripe).
		assertThat(late & 63).isEqualTo(5);
		assertThat(counter.getAndIncrement() & 63).isEqualTo(6);
		assertThat(counter.sum()).isZero();
	}

	/**
	 * The guarantee the route ledger relies on: every increment is either in the sealed total or reported late
	 * to its writer, never both and never neither, while writers race with the seal.
	 */
	@Test
	void everyIncrementRacingTheSealIsCountedExactlyOnce() throws InterruptedException {
		for (int round = 0; round < 50; round++) {
			StripedCounter counter = new StripedCounter();
			int writers = 4;
			int perWriter = 20_000;
			AtomicLong late = new AtomicLong();
			CountDownLatch started = new CountDownLatch(writers);
			List<Thread> threads = new ArrayList<>();
			for (int t = 0; t < writers; t++) {
				threads.add(new Thread(() -> {
					started.countDown();
					long mine = 0;
					for (int i = 0; i < perWriter; i++) {
						if (StripedCounter.isSealed(counter.getAndIncrement())) {
							mine++;
						}
					}
					late.addAndGet(mine);
				}));
			}
			threads.forEach(Thread::start);
			started.await();
			long sealed = counter.seal();
			for (Thread thread : threads) {
				thread.join(10_000);
			}
			assertThat(sealed + late.get()).as("round %d: sealed %d + late %d", round, sealed, late.get())
				.isEqualTo((long) writers * perWriter);
		}
	}

	/**
	 * A counter that routes share may be sealed by more than one of them: the first seal hands the count over,
	 * every later one hands over nothing and leaves it sealed (a second add of the seal's offset would wrap the
	 * stripes back to their counts, and the next seal would hand them over again).
	 */
	@Test
	void sealingAgainHandsOverNothingAndTheCounterStaysSealed() {
		StripedCounter counter = new StripedCounter();
		for (int i = 0; i < 5; i++) {
			counter.increment();
		}
		assertThat(counter.isSealed()).isFalse();
		assertThat(counter.seal()).isEqualTo(5);
		assertThat(counter.isSealed()).isTrue();
		assertThat(counter.seal()).isZero();
		assertThat(StripedCounter.isSealed(counter.getAndIncrement())).isTrue();
		assertThat(counter.sum()).isZero();
		assertThat(counter.seal()).isZero();
	}

}
