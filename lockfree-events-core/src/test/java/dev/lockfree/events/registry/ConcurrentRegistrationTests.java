package dev.lockfree.events.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

import dev.lockfree.events.LockFreeApplicationEventMulticaster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishers and registrars running at once on one multicaster.
 */
class ConcurrentRegistrationTests {

	private static final int PUBLISHERS = 3;

	private static final int EVENTS_PER_PUBLISHER = 30_000;

	private static final int CHURNERS = 2;

	/** Dispatch sequence: taken by a publisher right before it starts a dispatch. */
	private final AtomicLong dispatchSequence = new AtomicLong();

	@Test
	void stableListenersSeeEveryEventOnceAndRemovedListenersNoDispatchStartedAfterRemoval() throws Exception {
		LockFreeApplicationEventMulticaster multicaster = new LockFreeApplicationEventMulticaster();
		List<CountingListener> stable = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			CountingListener listener = new CountingListener();
			stable.add(listener);
			multicaster.addApplicationListener(listener);
		}
		Queue<ChurnListener> churned = new ConcurrentLinkedQueue<>();
		publishBeside(multicaster, "churner", (publishing) -> {
			while (publishing.get()) {
				ChurnListener listener = new ChurnListener();
				multicaster.addApplicationListener(listener);
				Thread.onSpinWait();
				multicaster.removeApplicationListener(listener);
				listener.removedBefore.set(this.dispatchSequence.get());
				churned.add(listener);
			}
		});
		long total = (long) PUBLISHERS * EVENTS_PER_PUBLISHER;
		for (CountingListener listener : stable) {
			assertThat(listener.count.sum()).isEqualTo(total);
			assertThat(listener.duplicates.get()).isNull();
		}
		assertThat(churned).isNotEmpty();
		for (ChurnListener listener : churned) {
			assertThat(listener.lateInvocation.get())
				.as("no invocation from a dispatch started after removeApplicationListener returned")
				.isNull();
		}
		assertThat(multicaster.getStatistics().published()).isEqualTo(total);
	}

	/**
	 * Registrars keep adding listeners while publishers publish (from the first tenth of the events to the last,
	 * so that publishers are on their fast path, not still resolving): every listener receives every event whose
	 * dispatch started after its add returned. This is what lets the route cache's front serve routes without
	 * reading the registry: a change supersedes every route it moved past before it returns, and a publish never
	 * serves a superseded one from the front. (It fails when the change hook does nothing: the front then keeps
	 * serving the route of the snapshot before the add.)
	 */
	@Test
	void addedListenersSeeEveryDispatchStartedAfterTheirAddReturned() throws Exception {
		LockFreeApplicationEventMulticaster multicaster = new LockFreeApplicationEventMulticaster();
		multicaster.addApplicationListener(new CountingListener());
		Queue<RecordingListener> added = new ConcurrentLinkedQueue<>();
		publishBeside(multicaster, "registrar", (publishing) -> {
			// Add while the publishers are on their fast path: after their first events, before their last.
			long total = (long) PUBLISHERS * EVENTS_PER_PUBLISHER;
			while (this.dispatchSequence.get() < total / 10 && publishing.get()) {
				Thread.yield();
			}
			for (int i = 0; i < 100 && this.dispatchSequence.get() < total * 9 / 10; i++) {
				RecordingListener listener = new RecordingListener();
				multicaster.addApplicationListener(listener);
				// Any dispatch that takes a sequence above this one started after the add returned.
				listener.addedAfter = this.dispatchSequence.get();
				added.add(listener);
				// Spread the adds over the publishing, so that publishers are on their fast path between them.
				java.util.concurrent.locks.LockSupport.parkNanos(50_000);
			}
		});
		long last = this.dispatchSequence.get();
		assertThat(added).isNotEmpty();
		assertThat(added.size()).as("listeners added while publishing").isGreaterThan(10);
		for (RecordingListener listener : added) {
			long expected = last - listener.addedAfter;
			assertThat(listener.countSeenAfter(listener.addedAfter, last))
				.as("events dispatched after the add returned (from sequence %d)", listener.addedAfter)
				.isEqualTo(expected);
		}
	}

	/**
	 * Run {@value #PUBLISHERS} threads publishing {@value #EVENTS_PER_PUBLISHER} sequenced events each beside
	 * {@value #CHURNERS} threads running {@code registrar} (given a flag that stays true while publishers run),
	 * all started at once; fails if any thread failed or did not finish.
	 */
	/**
	 * Two threads remove the same listener at once, then each publishes: neither publish may reach the listener,
	 * since each starts after its own remove returned. (The remove that loses the claim used to return at once,
	 * before the winner had taken the listener out of the snapshot; see RELIABILITY.md, finding 7.)
	 */
	@Test
	void twoThreadsRemovingTheSameListenerNeitherReachesItAfterItsRemoveReturned() throws Exception {
		LockFreeApplicationEventMulticaster multicaster = new LockFreeApplicationEventMulticaster();
		multicaster.addApplicationListener(new CountingListener());
		int rounds = 5_000;
		AtomicReference<ChurnListener> current = new AtomicReference<>();
		AtomicLong ready = new AtomicLong();
		List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
		Runnable remover = () -> {
			try {
				for (int round = 1; round <= rounds; round++) {
					ready.incrementAndGet();
					// Both removers start each round together, once the listener of the round is registered.
					while (ready.get() < 3L * round) {
						Thread.yield();
					}
					ChurnListener listener = current.get();
					multicaster.removeApplicationListener(listener);
					multicaster.multicastEvent(new SequencedEvent(Long.MAX_VALUE));
				}
			}
			catch (Throwable ex) {
				failures.add(ex);
			}
		};
		Thread first = new Thread(remover, "remover-1");
		Thread second = new Thread(remover, "remover-2");
		first.start();
		second.start();
		List<ChurnListener> listeners = new ArrayList<>();
		for (int round = 1; round <= rounds; round++) {
			while (ready.get() < 3L * round - 1) {
				Thread.yield();
			}
			ChurnListener listener = new ChurnListener();
			// Any event after its removal counts as late: the removers publish only after their removes returned.
			listener.removedBefore.set(0);
			multicaster.addApplicationListener(listener);
			listeners.add(listener);
			current.set(listener);
			ready.incrementAndGet();
		}
		first.join(60_000);
		second.join(60_000);
		assertThat(failures).isEmpty();
		assertThat(listeners).allSatisfy((listener) -> assertThat(listener.lateInvocation.get()).isNull());
	}

	private void publishBeside(LockFreeApplicationEventMulticaster multicaster, String registrarName,
			java.util.function.Consumer<AtomicBoolean> registrar) throws InterruptedException {
		Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
		AtomicBoolean publishing = new AtomicBoolean(true);
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		for (int p = 0; p < PUBLISHERS; p++) {
			threads.add(new Thread(() -> run(failures, start, () -> {
				for (int i = 0; i < EVENTS_PER_PUBLISHER; i++) {
					multicaster.multicastEvent(new SequencedEvent(this.dispatchSequence.incrementAndGet()));
				}
			}), "publisher-" + p));
		}
		for (int r = 0; r < CHURNERS; r++) {
			threads.add(new Thread(() -> run(failures, start, () -> registrar.accept(publishing)),
					registrarName + "-" + r));
		}
		threads.forEach(Thread::start);
		start.countDown();
		for (Thread thread : threads.subList(0, PUBLISHERS)) {
			thread.join(TimeUnit.SECONDS.toMillis(60));
		}
		publishing.set(false);
		for (Thread thread : threads) {
			thread.join(TimeUnit.SECONDS.toMillis(10));
			assertThat(thread.isAlive()).as(thread.getName() + " finished").isFalse();
		}
		assertThat(failures).isEmpty();
	}

	private static void run(Queue<Throwable> failures, CountDownLatch start, Runnable body) {
		try {
			start.await();
			body.run();
		}
		catch (Throwable ex) {
			failures.add(ex);
		}
	}

	static final class SequencedEvent extends ApplicationEvent {

		final long sequence;

		SequencedEvent(long sequence) {
			super("test");
			this.sequence = sequence;
		}

	}

	static final class CountingListener implements ApplicationListener<SequencedEvent> {

		final LongAdder count = new LongAdder();

		final java.util.Set<Long> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();

		final AtomicReference<Long> duplicates = new AtomicReference<>();

		@Override
		public void onApplicationEvent(SequencedEvent event) {
			this.count.increment();
			if (!this.seen.add(event.sequence)) {
				this.duplicates.compareAndSet(null, event.sequence);
			}
		}

	}

	static final class RecordingListener implements ApplicationListener<SequencedEvent> {

		private static final java.util.function.LongBinaryOperator OR = (left, right) -> left | right;

		/** Written by the registrar after the add returned; read once every thread has finished. */
		volatile long addedAfter = Long.MAX_VALUE;

		/** One bit per dispatch sequence received (a bitmap: 200 listeners, 90,000 events). */
		private final java.util.concurrent.atomic.AtomicLongArray seen = new java.util.concurrent.atomic.AtomicLongArray(
				(int) ((long) PUBLISHERS * EVENTS_PER_PUBLISHER / 64 + 2));

		@Override
		public void onApplicationEvent(SequencedEvent event) {
			long sequence = event.sequence;
			this.seen.getAndAccumulate((int) (sequence >>> 6), 1L << (sequence & 63), OR);
		}

		/** How many sequences in {@code (from, to]} this listener received. */
		long countSeenAfter(long from, long to) {
			long count = 0;
			for (long sequence = from + 1; sequence <= to; sequence++) {
				if ((this.seen.get((int) (sequence >>> 6)) & (1L << (sequence & 63))) != 0) {
					count++;
				}
			}
			return count;
		}

	}

	static final class ChurnListener implements ApplicationListener<SequencedEvent> {

		/** Last dispatch sequence taken before the remove call returned; MAX while registered. */
		final AtomicLong removedBefore = new AtomicLong(Long.MAX_VALUE);

		final AtomicReference<Long> lateInvocation = new AtomicReference<>();

		@Override
		public void onApplicationEvent(SequencedEvent event) {
			if (event.sequence > this.removedBefore.get()) {
				this.lateInvocation.compareAndSet(null, event.sequence);
			}
		}

	}

}
