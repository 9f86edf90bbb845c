package dev.lockfree.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The guarantees of asynchronous dispatch, each in one test.
 */
class AsyncDispatchTests {

	private final List<LockFreeApplicationEventMulticaster> created = new ArrayList<>();

	@AfterEach
	void stopMulticasters() {
		this.created.forEach(LockFreeApplicationEventMulticaster::destroy);
	}

	private LockFreeApplicationEventMulticaster multicaster(LockFreeEventOptions.Builder options) {
		LockFreeApplicationEventMulticaster multicaster = new LockFreeApplicationEventMulticaster(null,
				options.mode(DispatchMode.ASYNC).shutdownTimeout(Duration.ofSeconds(10)).build());
		this.created.add(multicaster);
		return multicaster;
	}

	@Test
	void eachListenerSeesEachPublishersEventsInPublishOrder() throws Exception {
		LockFreeApplicationEventMulticaster multicaster = multicaster(LockFreeEventOptions.builder().lanes(2));
		List<OrderCheckingListener> listeners = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			OrderCheckingListener listener = new OrderCheckingListener();
			listeners.add(listener);
			multicaster.addApplicationListener(listener);
		}
		int perPublisher = 20_000;
		runPublishers(3, (publisher) -> {
			for (int i = 0; i < perPublisher; i++) {
				multicaster.multicastEvent(new SequencedEvent(publisher, i));
			}
		});
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> listeners.forEach((listener) -> assertThat(listener.count.sum()).isEqualTo(3L * perPublisher)));
		listeners.forEach((listener) -> assertThat(listener.outOfOrder).isEmpty());
		assertThat(listeners).allSatisfy((listener) -> assertThat(listener.threads).allMatch((name) -> name.startsWith("lockfree-events-")));
	}

	@Test
	void aListenerIsNeverInvokedConcurrentlyWithItself() throws Exception {
		LockFreeApplicationEventMulticaster multicaster = multicaster(LockFreeEventOptions.builder().lanes(2));
		AtomicInteger inside = new AtomicInteger();
		AtomicBoolean overlapped = new AtomicBoolean();
		LongAdder calls = new LongAdder();
		multicaster.addApplicationListener((ApplicationListener<SequencedEvent>) (event) -> {
			if (inside.incrementAndGet() != 1) {
				overlapped.set(true);
			}
			Thread.onSpinWait();
			calls.increment();
			inside.decrementAndGet();
		});
		runPublishers(4, (publisher) -> {
			for (int i = 0; i < 10_000; i++) {
				multicaster.multicastEvent(new SequencedEvent(publisher, i));
			}
		});
		await().atMost(Duration.ofSeconds(20)).until(() -> calls.sum() == 40_000);
		assertThat(overlapped).isFalse();
	}

	@Test
	void eventsWithTheSameKeyAreHandledInPublishOrderAcrossListeners() throws Exception {
		LockFreeApplicationEventMulticaster multicaster = multicaster(LockFreeEventOptions.builder().lanes(2));
		Map<String, Map<Integer, Integer>> lastByListenerAndKey = new ConcurrentHashMap<>();
		Queue<String> violations = new ConcurrentLinkedQueue<>();
		Map<String, String> threadByKey = new ConcurrentHashMap<>();
		LongAdder calls = new LongAdder();
		for (String name : List.of("a", "b", "c")) {
			multicaster.addApplicationListener((ApplicationListener<PayloadApplicationEvent<KeyedPayload>>) (event) -> {
				KeyedPayload payload = event.getPayload();
				Integer previous = lastByListenerAndKey.computeIfAbsent(name, (n) -> new ConcurrentHashMap<>())
					.put(payload.key, payload.sequence);
				if (previous != null && previous >= payload.sequence) {
					violations.add(name + " key " + payload.key + ": " + previous + " then " + payload.sequence);
				}
				String thread = Thread.currentThread().getName();
				String first = threadByKey.putIfAbsent(payload.key + "", thread);
				if (first != null && !first.equals(thread)) {
					violations.add("key " + payload.key + " on " + first + " and " + thread);
				}
				calls.increment();
			});
		}
		// Each publisher owns its keys: per-key order is per publishing thread.
		runPublishers(4, (publisher) -> {
			for (int i = 0; i < 5_000; i++) {
				int key = publisher * 10 + (i % 5);
				multicaster.multicastEvent(new PayloadApplicationEvent<>(this, new KeyedPayload(key, i)));
			}
		});
		await().atMost(Duration.ofSeconds(20)).until(() -> calls.sum() == 3L * 4 * 5_000);
		assertThat(violations).isEmpty();
		assertThat(threadByKey.values()).allMatch((name) -> name.startsWith("lockfree-events-"));
	}

	@Test
	void dropPolicyDropsAndCountsWhatDoesNotFit() throws Exception {
		BlockedListener blocked = new BlockedListener();
		LockFreeApplicationEventMulticaster multicaster = multicaster(
				LockFreeEventOptions.builder().lanes(1).capacity(4).overflowPolicy(OverflowPolicy.DROP));
		multicaster.addApplicationListener(blocked);
		multicaster.multicastEvent(new SequencedEvent(0, 0));
		blocked.awaitEntered();
		for (int i = 1; i <= 10; i++) {
			multicaster.multicastEvent(new SequencedEvent(0, i));
		}
		blocked.release();
		await().until(() -> blocked.calls.get() == 5);
		assertThat(multicaster.getStatistics().overflowed(OverflowPolicy.DROP)).isEqualTo(6);
		assertThat(multicaster.getStatistics().published()).isEqualTo(11);
	}

	@Test
	void failPolicyThrowsRejectedEventExceptionToThePublisher() throws Exception {
		BlockedListener blocked = new BlockedListener();
		LockFreeApplicationEventMulticaster multicaster = multicaster(
				LockFreeEventOptions.builder().lanes(1).capacity(2).overflowPolicy(OverflowPolicy.FAIL));
		multicaster.addApplicationListener(blocked);
		multicaster.multicastEvent(new SequencedEvent(0, 0));
		blocked.awaitEntered();
		multicaster.multicastEvent(new SequencedEvent(0, 1));
		multicaster.multicastEvent(new SequencedEvent(0, 2));
		assertThatExceptionOfType(RejectedEventException.class)
			.isThrownBy(() -> multicaster.multicastEvent(new SequencedEvent(0, 3)))
			.satisfies((ex) -> assertThat(ex.getLane()).isZero())
			.withMessageContaining("lockfree.events.ring.overflow");
		blocked.release();
		await().until(() -> blocked.calls.get() == 3);
		assertThat(multicaster.getStatistics().overflowed(OverflowPolicy.FAIL)).isEqualTo(1);
	}

	@Test
	void callerRunsPolicyInvokesOnThePublisher() throws Exception {
		BlockedListener blocked = new BlockedListener();
		LockFreeApplicationEventMulticaster multicaster = multicaster(
				LockFreeEventOptions.builder().lanes(1).capacity(2).overflowPolicy(OverflowPolicy.CALLER_RUNS));
		multicaster.addApplicationListener(blocked);
		multicaster.multicastEvent(new SequencedEvent(0, 0));
		blocked.awaitEntered();
		multicaster.multicastEvent(new SequencedEvent(0, 1));
		multicaster.multicastEvent(new SequencedEvent(0, 2));
		blocked.passThrough.add(Thread.currentThread().getName());
		multicaster.multicastEvent(new SequencedEvent(0, 3));
		assertThat(blocked.callerThreadCalls.get()).isEqualTo(1);
		blocked.release();
		await().until(() -> blocked.calls.get() == 4);
		assertThat(multicaster.getStatistics().overflowed(OverflowPolicy.CALLER_RUNS)).isEqualTo(1);
	}

	@Test
	void blockPolicyWaitsForRoomAndLosesNothing() throws Exception {
		BlockedListener blocked = new BlockedListener();
		LockFreeApplicationEventMulticaster multicaster = multicaster(
				LockFreeEventOptions.builder().lanes(1).capacity(2).overflowPolicy(OverflowPolicy.BLOCK));
		multicaster.addApplicationListener(blocked);
		multicaster.multicastEvent(new SequencedEvent(0, 0));
		blocked.awaitEntered();
		CountDownLatch publisherDone = new CountDownLatch(1);
		Thread publisher = new Thread(() -> {
			for (int i = 1; i <= 6; i++) {
				multicaster.multicastEvent(new SequencedEvent(0, i));
			}
			publisherDone.countDown();
		});
		publisher.start();
		assertThat(publisherDone.await(200, TimeUnit.MILLISECONDS)).as("publisher waits while the ring is full").isFalse();
		blocked.release();
		assertThat(publisherDone.await(10, TimeUnit.SECONDS)).isTrue();
		await().until(() -> blocked.calls.get() == 7);
		assertThat(multicaster.getStatistics().overflowed(OverflowPolicy.BLOCK)).isPositive();
	}

	@Test
	void aListenerPublishingIntoItsOwnFullLaneFinishes() throws Exception {
		LockFreeApplicationEventMulticaster multicaster = multicaster(
				LockFreeEventOptions.builder().lanes(1).capacity(2).overflowPolicy(OverflowPolicy.BLOCK));
		LongAdder handled = new LongAdder();
		multicaster.addApplicationListener((ApplicationListener<SequencedEvent>) (event) -> {
			if (event.sequence < 50) {
				// Each event fans out into three more on the same (tiny) lane: it fills up at once.
				for (int i = 0; i < 3; i++) {
					multicaster.multicastEvent(new SequencedEvent(event.publisher, 1_000));
				}
			}
			handled.increment();
		});
		for (int i = 0; i < 50; i++) {
			multicaster.multicastEvent(new SequencedEvent(0, i));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> handled.sum() == 50 + 150);
	}

	@Test
	void aFailingAsyncListenerDoesNotStopTheWorkerNorOtherListeners() {
		LockFreeApplicationEventMulticaster multicaster = multicaster(LockFreeEventOptions.builder().lanes(1));
		Queue<Throwable> handled = new ConcurrentLinkedQueue<>();
		multicaster.setErrorHandler(handled::add);
		LongAdder healthy = new LongAdder();
		multicaster.addApplicationListener((ApplicationListener<SequencedEvent>) (event) -> {
			throw new IllegalStateException("boom " + event.sequence);
		});
		multicaster.addApplicationListener((ApplicationListener<SequencedEvent>) (event) -> healthy.increment());
		for (int i = 0; i < 100; i++) {
			multicaster.multicastEvent(new SequencedEvent(0, i));
		}
		await().until(() -> healthy.sum() == 100 && handled.size() == 100);
		assertThat(handled).allMatch((ex) -> ex instanceof IllegalStateException);
		assertThat(multicaster.getStatistics().errors()).isEqualTo(100);
		assertThat(multicaster.getStatistics().errorsByException()).containsEntry(IllegalStateException.class.getName(), 100L);
	}

	@Test
	void shutdownUnderLoadDeliversEveryAcceptedEventAndStopsTheWorkers() throws Exception {
		LockFreeApplicationEventMulticaster multicaster = multicaster(LockFreeEventOptions.builder().lanes(2).capacity(64));
		LongAdder handled = new LongAdder();
		multicaster.addApplicationListener((ApplicationListener<SequencedEvent>) (event) -> handled.increment());
		AtomicLong published = new AtomicLong();
		CountDownLatch started = new CountDownLatch(4);
		AtomicBoolean running = new AtomicBoolean(true);
		List<Thread> publishers = new ArrayList<>();
		for (int p = 0; p < 4; p++) {
			int publisher = p;
			Thread thread = new Thread(() -> {
				started.countDown();
				int i = 0;
				while (running.get()) {
					multicaster.multicastEvent(new SequencedEvent(publisher, i++));
					published.incrementAndGet();
				}
			});
			publishers.add(thread);
			thread.start();
		}
		started.await();
		await().until(() -> published.get() > 20_000);
		multicaster.stop();
		assertThat(multicaster.getStatistics().abandoned()).isZero();
		running.set(false);
		for (Thread thread : publishers) {
			thread.join(10_000);
		}
		// Accepted events were delivered by the workers; later ones ran on the publishers.
		assertThat(handled.sum()).isEqualTo(published.get());
		assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((thread) -> thread.getName().startsWith("lockfree-events-") && thread.isAlive());
	}

	@Test
	void aListenerRemovedWhileItsEventsWaitInTheRingIsNotInvokedForThem() throws Exception {
		BlockedListener blocked = new BlockedListener();
		LockFreeApplicationEventMulticaster multicaster = multicaster(LockFreeEventOptions.builder().lanes(1));
		LongAdder removedCalls = new LongAdder();
		ApplicationListener<SequencedEvent> removed = (event) -> removedCalls.increment();
		multicaster.addApplicationListener(blocked);
		multicaster.addApplicationListener(removed);
		multicaster.multicastEvent(new SequencedEvent(0, 0));
		blocked.awaitEntered();
		for (int i = 1; i <= 10; i++) {
			multicaster.multicastEvent(new SequencedEvent(0, i));
		}
		// Both listeners share the one lane: the first delivery is stuck in "blocked", ten more wait behind it.
		multicaster.removeApplicationListener(removed);
		blocked.release();
		await().until(() -> blocked.calls.get() == 11);
		assertThat(removedCalls.sum()).isZero();
	}

	@Test
	void aListenerRemovedByAnEarlierListenerOfTheSameDeliveryIsNotInvokedForIt() throws Exception {
		LockFreeApplicationEventMulticaster multicaster = multicaster(LockFreeEventOptions.builder().lanes(1));
		LongAdder removedCalls = new LongAdder();
		LongAdder lastCalls = new LongAdder();
		ApplicationListener<SequencedEvent> removed = (event) -> removedCalls.increment();
		AtomicBoolean removeOnce = new AtomicBoolean(true);
		// One lane, so the three listeners are one group: each registration must be read right before its call.
		multicaster.addApplicationListener((ApplicationListener<SequencedEvent>) (event) -> {
			if (removeOnce.getAndSet(false)) {
				multicaster.removeApplicationListener(removed);
			}
		});
		multicaster.addApplicationListener(removed);
		multicaster.addApplicationListener((ApplicationListener<SequencedEvent>) (event) -> lastCalls.increment());
		for (int i = 0; i < 70; i++) {
			// 70 events: plain and sampled (timed) deliveries alike
			multicaster.multicastEvent(new SequencedEvent(0, i));
		}
		await().until(() -> lastCalls.sum() == 70);
		assertThat(removedCalls.sum()).isZero();
	}

	@Test
	void aListenerRegisteredAsInstanceAndBeanNameRunsWhileEitherRegistrationRemains() throws Exception {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		LongAdder calls = new LongAdder();
		ApplicationListener<SequencedEvent> listener = (event) -> calls.increment();
		beanFactory.registerSingleton("listener", listener);
		LockFreeApplicationEventMulticaster multicaster = new LockFreeApplicationEventMulticaster(beanFactory,
				LockFreeEventOptions.builder().lanes(1).mode(DispatchMode.ASYNC)
					.shutdownTimeout(Duration.ofSeconds(10)).build());
		this.created.add(multicaster);
		multicaster.addApplicationListener(listener);
		multicaster.addApplicationListenerBean("listener");
		multicaster.multicastEvent(new SequencedEvent(0, 0));
		await().until(() -> calls.sum() == 1);
		BlockedListener blocked = new BlockedListener();
		multicaster.addApplicationListener(blocked);
		multicaster.multicastEvent(new SequencedEvent(0, 1));
		blocked.awaitEntered();
		multicaster.multicastEvent(new SequencedEvent(0, 2));
		// The delivery of event 2 waits in the ring; the listener stays registered by its bean name.
		multicaster.removeApplicationListener(listener);
		blocked.release();
		await().until(() -> blocked.calls.get() == 2);
		await().until(() -> calls.sum() == 3);
		multicaster.multicastEvent(new SequencedEvent(0, 3));
		await().until(() -> blocked.calls.get() == 3);
		assertThat(calls.sum()).isEqualTo(4);
	}

	@Test
	void idleWorkersUseNoMeasurableCpu() throws Exception {
		java.lang.management.ThreadMXBean threadBean = java.lang.management.ManagementFactory.getThreadMXBean();
		org.junit.jupiter.api.Assumptions.assumeTrue(threadBean.isThreadCpuTimeSupported());
		LockFreeApplicationEventMulticaster multicaster = multicaster(
				LockFreeEventOptions.builder().lanes(2).threadNamePrefix("idle-test-"));
		LongAdder calls = new LongAdder();
		multicaster.addApplicationListener((ApplicationListener<SequencedEvent>) (event) -> calls.increment());
		multicaster.addApplicationListener((ApplicationListener<SequencedEvent>) (event) -> calls.increment());
		multicaster.multicastEvent(new SequencedEvent(0, 0));
		await().until(() -> calls.sum() == 2);
		List<Thread> workers = Thread.getAllStackTraces().keySet().stream()
			.filter((thread) -> thread.getName().startsWith("idle-test-"))
			.toList();
		assertThat(workers).hasSize(2);
		// Let the workers settle into their idle wait, then measure CPU time over one second of no events.
		await().until(() -> workers.stream().allMatch((thread) -> thread.getState() == Thread.State.TIMED_WAITING
				|| thread.getState() == Thread.State.WAITING));
		// The default wait strategy (park) must cost under 1% of a core when no events flow. The least of three
		// one-second windows: other tests' threads on a loaded 2-core machine can inflate one window's accounting,
		// while a worker that does not park (a spinning or yielding idle loop) costs tens of percent in every one.
		double least = Double.MAX_VALUE;
		for (int window = 0; window < 3 && least >= 0.01; window++) {
			long before = workers.stream().mapToLong((thread) -> threadBean.getThreadCpuTime(thread.getId())).sum();
			long wallStart = System.nanoTime();
			Thread.sleep(1000);
			long wall = System.nanoTime() - wallStart;
			long cpu = workers.stream().mapToLong((thread) -> threadBean.getThreadCpuTime(thread.getId())).sum()
					- before;
			least = Math.min(least, (double) cpu / wall);
		}
		assertThat(least).as("CPU share of idle lane workers").isLessThan(0.01);
	}

	private static void runPublishers(int count, PublisherBody body) throws InterruptedException {
		List<Thread> threads = new ArrayList<>();
		Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
		CountDownLatch start = new CountDownLatch(1);
		for (int p = 0; p < count; p++) {
			int publisher = p;
			Thread thread = new Thread(() -> {
				try {
					start.await();
					body.publish(publisher);
				}
				catch (Throwable ex) {
					failures.add(ex);
				}
			}, "publisher-" + p);
			threads.add(thread);
			thread.start();
		}
		start.countDown();
		for (Thread thread : threads) {
			thread.join(30_000);
		}
		assertThat(failures).isEmpty();
	}

	@FunctionalInterface
	interface PublisherBody {

		void publish(int publisher) throws Exception;

	}

	static final class SequencedEvent extends ApplicationEvent {

		final int publisher;

		final int sequence;

		SequencedEvent(int publisher, int sequence) {
			super("test");
			this.publisher = publisher;
			this.sequence = sequence;
		}

	}

	record KeyedPayload(int key, int sequence) implements KeyedEvent {

		@Override
		public Object orderingKey() {
			return this.key;
		}

	}

	static final class OrderCheckingListener implements ApplicationListener<SequencedEvent> {

		final Map<Integer, Integer> last = new ConcurrentHashMap<>();

		final Queue<String> outOfOrder = new ConcurrentLinkedQueue<>();

		final java.util.Set<String> threads = ConcurrentHashMap.newKeySet();

		final LongAdder count = new LongAdder();

		@Override
		public void onApplicationEvent(SequencedEvent event) {
			Integer previous = this.last.put(event.publisher, event.sequence);
			if (previous != null && previous >= event.sequence) {
				this.outOfOrder.add(event.publisher + ": " + previous + " then " + event.sequence);
			}
			this.threads.add(Thread.currentThread().getName());
			this.count.increment();
		}

	}

	/** Blocks inside its first call until released; counts calls and calls made on an expected caller thread. */
	static final class BlockedListener implements ApplicationListener<SequencedEvent> {

		private final CountDownLatch entered = new CountDownLatch(1);

		private final CountDownLatch released = new CountDownLatch(1);

		final AtomicInteger calls = new AtomicInteger();

		final AtomicInteger callerThreadCalls = new AtomicInteger();

		final Queue<String> passThrough = new ConcurrentLinkedQueue<>();

		@Override
		public void onApplicationEvent(SequencedEvent event) {
			if (this.passThrough.contains(Thread.currentThread().getName())) {
				this.callerThreadCalls.incrementAndGet();
				this.calls.incrementAndGet();
				return;
			}
			this.entered.countDown();
			try {
				this.released.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.calls.incrementAndGet();
		}

		void awaitEntered() throws InterruptedException {
			assertThat(this.entered.await(10, TimeUnit.SECONDS)).isTrue();
		}

		void release() {
			this.released.countDown();
		}

	}

}
