package dev.lockfree.events.stats;

import java.util.ArrayList;
import java.util.List;
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
					if (counter.incrementAndSample(63)) {
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
	void addCountsIntoTheSum() {
		StripedCounter counter = new StripedCounter();
		counter.add(5);
		counter.increment();
		assertThat(counter.sum()).isEqualTo(6);
	}

}
