package dev.lockfree.events.ring;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.lockfree.events.LockFreeEventOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Workers start lazily and once, are named daemon threads recognised by {@link Lanes#isWorkerThread(Thread)},
 * and survive a throwing handler.
 */
class LanesLifecycleTests {

	private final LanesFixture fixture = new LanesFixture();

	@AfterEach
	void shutdown() {
		this.fixture.close();
	}

	@Test
	void workersStartOnTheFirstOfferAndOnlyOnce() {
		LockFreeEventOptions options = LanesFixture.options().lanes(2).build();
		Lanes<Integer> lanes = this.fixture.lanes(options, (id) -> {
		});
		assertThat(lanes.workerThread(0)).isNull();
		assertThat(lanes.isAccepting()).isTrue();
		lanes.offer(1, 1);
		Thread first = lanes.workerThread(0);
		Thread second = lanes.workerThread(1);
		assertThat(first.getName()).isEqualTo(options.threadNamePrefix() + "0");
		assertThat(second.getName()).isEqualTo(options.threadNamePrefix() + "1");
		assertThat(first.isDaemon()).isTrue();
		assertThat(first.isAlive()).isTrue();
		lanes.start();
		lanes.offer(0, 2);
		assertThat(lanes.workerThread(0)).isSameAs(first);
		assertThat(lanes.workerThread(1)).isSameAs(second);
	}

	@Test
	void onlyLaneWorkersAreWorkerThreads() {
		List<Boolean> seenOnWorker = new CopyOnWriteArrayList<>();
		Lanes<Integer> lanes = this.fixture.lanes(LanesFixture.options().build(),
				(id) -> seenOnWorker.add(Lanes.isWorkerThread(Thread.currentThread())));
		lanes.offer(0, 1);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(seenOnWorker).containsExactly(true));
		assertThat(Lanes.isWorkerThread(lanes.workerThread(0))).isTrue();
		assertThat(Lanes.isWorkerThread(Thread.currentThread())).isFalse();
	}

	@Test
	void aThrowingHandlerIsLoggedAndTheLaneKeepsDelivering() {
		List<Integer> delivered = new CopyOnWriteArrayList<>();
		Lanes<Integer> lanes = this.fixture.lanes(LanesFixture.options().lanes(1).build(), (id) -> {
			delivered.add(id);
			if (id == 1) {
				throw new IllegalStateException("expected by the test");
			}
			if (id == 2) {
				throw new AssertionError("expected by the test");
			}
		});
		for (int id = 1; id <= 3; id++) {
			lanes.offer(0, id);
		}
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(delivered).containsExactly(1, 2, 3));
		assertThat(lanes.workerThread(0).isAlive()).isTrue();
		assertThat(lanes.statistics().get(0).delivered()).isEqualTo(3);
	}

	@Test
	void workersDoNotInheritThePublishersInheritableThreadLocals() {
		InheritableThreadLocal<String> context = new InheritableThreadLocal<>();
		List<String> seen = new CopyOnWriteArrayList<>();
		Lanes<Integer> lanes = this.fixture.lanes(LanesFixture.options().lanes(1).build(),
				(id) -> seen.add(String.valueOf(context.get())));
		context.set("publisher's");
		try {
			lanes.offer(0, 1);
		}
		finally {
			context.remove();
		}
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(seen).containsExactly("null"));
	}

}
