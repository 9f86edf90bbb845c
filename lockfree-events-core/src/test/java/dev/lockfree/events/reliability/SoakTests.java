package dev.lockfree.events.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.SmartApplicationListener;

import dev.lockfree.events.DispatchMode;
import dev.lockfree.events.ListenerDispatch;
import dev.lockfree.events.LockFreeApplicationEventMulticaster;
import dev.lockfree.events.LockFreeEventOptions;
import dev.lockfree.events.OverflowPolicy;
import dev.lockfree.events.RejectedEventException;
import dev.lockfree.events.stats.EventStatistics;
import dev.lockfree.events.stats.ListenerStatistics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Soak with exact reconciliation: 4 publishers, a thread adding and removing listeners, 1% of invocations
 * throwing, one lane of 16 slots that overflows all the time, once per overflow policy.
 *
 * <p>One lane, so that an event is one delivery: it reaches every stable async listener or none of them, and
 * each count can be reconciled exactly. {@code -Dsoak.seconds=600} runs each policy for ten minutes (default 3).
 */
class SoakTests {

	static final long SECONDS = Long.getLong("soak.seconds", 3);

	private static final int PUBLISHERS = 4;

	/** Events per publisher at most, so that the exactly-once bitsets stay small. */
	private static final int CAP = (int) Math.min(1 << 28, Math.max(1 << 22, SECONDS * 2_000_000));

	private static final AtomicInteger runs = new AtomicInteger();

	/**
	 * Every published event is delivered exactly once to every stable listener, or counted exactly once as
	 * dropped or rejected; nothing is lost under BLOCK and CALLER_RUNS; each listener sees each publisher's
	 * events in order (except under CALLER_RUNS); and the multicaster's own counters equal the listeners' counts.
	 */
	@ParameterizedTest
	@EnumSource(OverflowPolicy.class)
	void everyEventIsDeliveredOrCountedExactlyOnce(OverflowPolicy policy) throws Exception {
		LongAdder handled = new LongAdder();
		LockFreeApplicationEventMulticaster multicaster = multicaster(policy);
		multicaster.setErrorHandler((ex) -> handled.increment());
		List<Recorder> stable = List.of(new Recorder("stable-0", 1, 0), new Recorder("stable-1", 2, 50),
				new Recorder("stable-2", 3, 0));
		SyncRecorder sync = new SyncRecorder("sync", 4);
		stable.forEach(multicaster::addApplicationListener);
		multicaster.addApplicationListener(sync);

		Run run = publishWithChurn(multicaster, policy);

		assertThat(multicaster.getStatistics().lanes()).singleElement()
			.satisfies((lane) -> assertThat(lane.size()).isZero());
		EventStatistics statistics = multicaster.getStatistics();
		long published = run.published();
		long lost = switch (policy) {
			case BLOCK, CALLER_RUNS -> 0;
			case DROP -> statistics.overflowed(OverflowPolicy.DROP);
			case FAIL -> run.rejected();
		};
		for (Recorder recorder : stable) {
			assertThat(recorder.duplicates.get()).as("duplicates at %s", recorder.id).isZero();
			assertThat(recorder.received.sum()).as("delivered to %s", recorder.id).isEqualTo(published - lost);
			if (policy != OverflowPolicy.CALLER_RUNS) {
				assertThat(recorder.outOfOrder.get()).as("out of order at %s", recorder.id).isZero();
			}
		}
		// A rejected event stops the multicast before the synchronous listeners.
		assertThat(sync.received.sum()).isEqualTo(published - run.rejected());
		assertThat(sync.outOfOrder.get()).isZero();

		assertThat(statistics.published()).isEqualTo(published);
		assertThat(statistics.abandoned()).isZero();
		long thrown = stable.stream().mapToLong((r) -> r.thrown.sum()).sum() + sync.thrown.sum();
		assertThat(thrown).isPositive();
		assertThat(statistics.errors()).isEqualTo(thrown).isEqualTo(handled.sum());
		long allInvocations = stable.stream().mapToLong((r) -> r.received.sum()).sum() + sync.received.sum()
				+ run.churnReceived();
		assertThat(statistics.invocations()).isEqualTo(allInvocations);
		for (Recorder recorder : stable) {
			assertThat(listenerStatistics(statistics, recorder.id).invocations()).isEqualTo(recorder.received.sum());
			assertThat(listenerStatistics(statistics, recorder.id).errors()).isEqualTo(recorder.thrown.sum());
		}
		assertThat(listenerStatistics(statistics, "sync").invocations()).isEqualTo(sync.received.sum());
		assertThat(statistics.overflowed(policy)).as("the lane overflowed").isPositive();
		for (OverflowPolicy other : OverflowPolicy.values()) {
			if (other != policy) {
				assertThat(statistics.overflowed(other)).isZero();
			}
		}
		if (policy == OverflowPolicy.FAIL) {
			assertThat(statistics.overflowed(OverflowPolicy.FAIL)).isEqualTo(run.rejected());
		}
		Report.record("soak " + policy, "published=" + published + " delivered/listener=" + (published - lost)
				+ " overflowed=" + statistics.overflowed(policy) + " lost(counted)=" + lost + " errors=" + thrown
				+ " invocations=" + statistics.invocations() + " registrationChanges=" + run.churns
				+ " outOfOrder=" + stable.stream().mapToLong((r) -> r.outOfOrder.get()).sum());
	}

	/**
	 * Without an error handler a failing synchronous listener's exception reaches its publisher (which keeps
	 * publishing), and still nothing is lost or duplicated on the lane.
	 */
	@Test
	void withoutErrorHandlerSyncFailuresReachThePublisherAndNothingIsLost() throws Exception {
		LockFreeApplicationEventMulticaster multicaster = multicaster(OverflowPolicy.BLOCK);
		Recorder async = new Recorder("async", -1, 0);
		SyncRecorder sync = new SyncRecorder("sync", 7);
		multicaster.addApplicationListener(async);
		multicaster.addApplicationListener(sync);

		Run run = publishWithChurn(multicaster, OverflowPolicy.BLOCK);

		assertThat(sync.thrown.sum()).isPositive().isEqualTo(run.failures());
		assertThat(sync.received.sum()).isEqualTo(run.published());
		assertThat(async.received.sum()).isEqualTo(run.published());
		assertThat(async.duplicates.get()).isZero();
		assertThat(async.outOfOrder.get()).isZero();
		assertThat(multicaster.getStatistics().errors()).isEqualTo(sync.thrown.sum());
		Report.record("soak BLOCK without error handler", "published=" + run.published()
				+ " failures seen by publishers=" + run.failures());
	}

	private static LockFreeApplicationEventMulticaster multicaster(OverflowPolicy policy) {
		LockFreeEventOptions options = LockFreeEventOptions.builder()
			.mode(DispatchMode.ASYNC)
			.lanes(1)
			.capacity(16)
			.batchSize(8)
			.overflowPolicy(policy)
			.shutdownTimeout(Duration.ofSeconds(30))
			.threadNamePrefix("soak-" + runs.incrementAndGet() + "-")
			.build();
		return new LockFreeApplicationEventMulticaster(null, options);
	}

	private static ListenerStatistics listenerStatistics(EventStatistics statistics, String id) {
		return statistics.listeners().stream().filter((s) -> s.id().equals(id)).findFirst().orElseThrow();
	}

	/**
	 * Publish from 4 threads for the soak time while another thread adds and removes two listeners, then stop the
	 * multicaster (which drains the lane).
	 */
	private static Run publishWithChurn(LockFreeApplicationEventMulticaster multicaster, OverflowPolicy policy)
			throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
		AtomicLong[] published = new AtomicLong[PUBLISHERS];
		LongAdder rejected = new LongAdder();
		LongAdder failures = new LongAdder();
		List<Throwable> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
		List<Thread> threads = new ArrayList<>();
		for (int p = 0; p < PUBLISHERS; p++) {
			int publisher = p;
			published[p] = new AtomicLong();
			threads.add(Threads.start("soak-publisher-" + p, () -> {
				for (int seq = 0; seq < CAP && System.nanoTime() < deadline; seq++) {
					published[publisher].incrementAndGet();
					try {
						multicaster.multicastEvent(new SoakEvent(publisher, seq));
					}
					catch (RejectedEventException ex) {
						rejected.increment();
					}
					catch (InjectedFailure ex) {
						failures.increment();
					}
					catch (Throwable ex) {
						unexpected.add(ex);
						return;
					}
				}
			}));
		}
		AtomicBoolean churning = new AtomicBoolean(true);
		Churn first = new Churn();
		Churn second = new Churn();
		AtomicLong churns = new AtomicLong();
		Thread churn = Threads.start("soak-churn", () -> {
			while (churning.get()) {
				multicaster.addApplicationListener(first);
				multicaster.addApplicationListener(second);
				multicaster.removeApplicationListener(first);
				multicaster.removeApplicationListeners((listener) -> listener == second);
				churns.addAndGet(4);
				Thread.yield();
			}
		});
		for (Thread thread : threads) {
			Threads.join(thread, Duration.ofSeconds(SECONDS + 60));
		}
		churning.set(false);
		Threads.join(churn, Duration.ofSeconds(30));
		multicaster.stop();
		assertThat(unexpected).isEmpty();
		long total = 0;
		for (AtomicLong count : published) {
			total += count.get();
		}
		return new Run(total, rejected.sum(), failures.sum(), first.received.sum() + second.received.sum(),
				churns.get());
	}

	record Run(long published, long rejected, long failures, long churnReceived, long churns) {
	}

	static final class SoakEvent extends ApplicationEvent {

		final int publisher;

		final int seq;

		SoakEvent(int publisher, int seq) {
			super(Integer.valueOf(publisher));
			this.publisher = publisher;
			this.seq = seq;
		}

	}

	static final class InjectedFailure extends RuntimeException {

		InjectedFailure() {
			super("injected", null, false, false);
		}

	}

	/**
	 * A stable listener: exactly-once bitsets and last sequence per publisher; throws on 1% of its events
	 * ({@code seq % 100 == failOn}, or never for a negative value); spins {@code work} rounds per event.
	 */
	static class Recorder implements SmartApplicationListener {

		final String id;

		final int failOn;

		final int work;

		final LongAdder received = new LongAdder();

		final LongAdder thrown = new LongAdder();

		final AtomicLong duplicates = new AtomicLong();

		final AtomicLong outOfOrder = new AtomicLong();

		private final AtomicLongArray[] seen = new AtomicLongArray[PUBLISHERS];

		private final AtomicLongArray last = new AtomicLongArray(PUBLISHERS);

		Recorder(String id, int failOn, int work) {
			this.id = id;
			this.failOn = failOn;
			this.work = work;
			for (int p = 0; p < PUBLISHERS; p++) {
				this.seen[p] = new AtomicLongArray(CAP / 64 + 1);
				this.last.set(p, -1);
			}
		}

		@Override
		public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
			return SoakEvent.class.isAssignableFrom(eventType);
		}

		@Override
		public String getListenerId() {
			return this.id;
		}

		@Override
		public void onApplicationEvent(ApplicationEvent applicationEvent) {
			SoakEvent event = (SoakEvent) applicationEvent;
			long bit = 1L << (event.seq & 63);
			long before = this.seen[event.publisher].getAndAccumulate(event.seq >>> 6, bit, (a, b) -> a | b);
			if ((before & bit) != 0) {
				this.duplicates.incrementAndGet();
			}
			long previous = this.last.getAndSet(event.publisher, event.seq);
			if (previous >= event.seq) {
				this.outOfOrder.incrementAndGet();
			}
			this.received.increment();
			for (int i = 0; i < this.work; i++) {
				Thread.onSpinWait();
			}
			if (event.seq % 100 == this.failOn) {
				this.thrown.increment();
				throw new InjectedFailure();
			}
		}

	}

	/** A stable listener pinned to the publishing thread. */
	@ListenerDispatch(DispatchMode.SYNC)
	static final class SyncRecorder extends Recorder {

		SyncRecorder(String id, int failOn) {
			super(id, failOn, 0);
		}

	}

	/** Added and removed all the time; counts what it receives. */
	static final class Churn implements ApplicationListener<SoakEvent> {

		final LongAdder received = new LongAdder();

		@Override
		public void onApplicationEvent(SoakEvent event) {
			this.received.increment();
		}

	}

}
