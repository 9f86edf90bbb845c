package dev.lockfree.events.ring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.lockfree.events.LockFreeEventOptions;

/**
 * Builds {@link Lanes} for tests, each with a unique thread-name prefix, and shuts down everything it built.
 * Parked workers never wake without a wake-up (the safety net is an hour), so a lost wake-up fails a test.
 */
final class LanesFixture implements AutoCloseable {

	static final long NO_SAFETY_NET = TimeUnit.HOURS.toNanos(1);

	private static final AtomicInteger instances = new AtomicInteger();

	private final List<Lanes<?>> created = new ArrayList<>();

	static LockFreeEventOptions.Builder options() {
		return LockFreeEventOptions.builder().threadNamePrefix("ring-test-" + instances.incrementAndGet() + "-");
	}

	<T> Lanes<T> lanes(LockFreeEventOptions options, DeliveryHandler<T> handler) {
		Lanes<T> lanes = new Lanes<>(options, handler, NO_SAFETY_NET);
		this.created.add(lanes);
		return lanes;
	}

	@Override
	public void close() {
		for (Lanes<?> lanes : this.created) {
			lanes.shutdown(Duration.ofSeconds(5));
		}
	}

	/** Start a daemon thread running {@code task}. */
	static Thread startThread(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/** Join or fail. */
	static void join(Thread thread) throws InterruptedException {
		thread.join(TimeUnit.SECONDS.toMillis(30));
		if (thread.isAlive()) {
			throw new AssertionError(thread.getName() + " did not finish within 30 s");
		}
	}

	/** Wait for a latch that a test releases, giving up after 30 s; interruptible. */
	static void await(java.util.concurrent.CountDownLatch latch) throws InterruptedException {
		if (!latch.await(30, TimeUnit.SECONDS)) {
			throw new AssertionError("latch not released within 30 s");
		}
	}

}
