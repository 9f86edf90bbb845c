package dev.lockfree.events.throughput;

import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.BlockingWaitStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.SimpleApplicationEventMulticaster;

import dev.lockfree.events.LockFreeApplicationEventMulticaster;
import dev.lockfree.events.LockFreeEventOptions;
import dev.lockfree.events.baseline.DisruptorDispatcher;
import dev.lockfree.events.baseline.SpringExecutorDispatcher;
import dev.lockfree.events.support.AsyncSubject;
import dev.lockfree.events.support.AtomicCountingListener;
import dev.lockfree.events.support.AwaitDelivery;
import dev.lockfree.events.support.CountingListener;
import dev.lockfree.events.support.LockFreeAsyncSubject;
import dev.lockfree.events.support.MeasuredEvent;

/**
 * Fan-out: one event type with 1, 10, 100 or 1000 listeners ({@code listeners}), the seed article's "bursty
 * broadcast". How the cost of a publish grows with the number of listeners it reaches.
 *
 * <ul>
 * <li>{@link Sync}: one operation is one synchronous {@code multicastEvent}; subjects {@code lockfree}
 * ({@link LockFreeApplicationEventMulticaster}, default options), {@code spring}
 * ({@link SimpleApplicationEventMulticaster}, the baseline) and {@code loop} (a plain loop over the
 * listeners, the floor). Goal as in {@link SyncMulticastBenchmark}: 0 B/op.</li>
 * <li>{@link Async}: one operation publishes {@value Async#EVENTS_PER_OP} events and waits until every
 * listener has handled every one of them; subjects {@code lockfree-1lane}, {@code lockfree-2lanes} (ours in
 * async mode), {@code spring-executor} (Spring's multicaster on a 2-thread {@code ThreadPoolTaskExecutor},
 * one task per listener call, the baseline) and {@code disruptor-mp} (LMAX Disruptor, multi-producer, one
 * handler invoking every listener).</li>
 * </ul>
 * Listeners add to their own padded counter ({@link CountingListener}, {@link AtomicCountingListener}); events
 * are allocated once, so {@code -prof gc}'s {@code gc.alloc.rate.norm} is the dispatcher's allocation. Both
 * check exact delivery: {@link Sync} at the end of the trial, {@link Async} on every operation.
 */
public class FanOutBenchmark {

	private FanOutBenchmark() {
	}

	/** Synchronous fan-out: one {@code multicastEvent} per operation. */
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	@State(Scope.Thread)
	public static class Sync {

		@Param({ "1", "10", "100", "1000" })
		public int listeners;

		@Param({ "lockfree", "spring", "loop" })
		public String subject;

		private final MeasuredEvent event = new MeasuredEvent(this, 0, 1L);

		private CountingListener[] targets;

		private ApplicationEventMulticaster multicaster;

		private long published;

		@Setup(Level.Trial)
		public void setUp() {
			this.targets = new CountingListener[this.listeners];
			for (int i = 0; i < this.listeners; i++) {
				this.targets[i] = new CountingListener();
			}
			this.multicaster = switch (this.subject) {
				case "lockfree" -> new LockFreeApplicationEventMulticaster();
				case "spring" -> new SimpleApplicationEventMulticaster();
				case "loop" -> null;
				default -> throw new IllegalArgumentException("Unknown subject: " + this.subject);
			};
			if (this.multicaster != null) {
				for (CountingListener target : this.targets) {
					this.multicaster.addApplicationListener(target);
				}
			}
		}

		@Benchmark
		public void multicast() {
			if (this.multicaster != null) {
				this.multicaster.multicastEvent(this.event);
			}
			else {
				for (CountingListener target : this.targets) {
					target.onApplicationEvent(this.event);
				}
			}
			this.published++;
		}

		@TearDown(Level.Trial)
		public void tearDown() throws Exception {
			if (this.multicaster instanceof DisposableBean disposable) {
				disposable.destroy();
			}
			for (CountingListener target : this.targets) {
				if (target.total() != this.published) {
					throw new IllegalStateException(this.subject + ": a listener received " + target.total() + " of "
							+ this.published + " events");
				}
			}
		}

	}

	/**
	 * Asynchronous fan-out: {@value #EVENTS_PER_OP} events per operation, each to every listener, and a wait
	 * until all listener calls are done. Multiply the score by {@value #EVENTS_PER_OP} for events per second.
	 */
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	@State(Scope.Benchmark)
	public static class Async {

		/** Events published per operation. */
		public static final int EVENTS_PER_OP = 100;

		/** Worker threads of the Spring baseline, the same as our default lane count. */
		static final int POOL_THREADS = 2;

		@Param({ "1", "10", "100", "1000" })
		public int listeners;

		@Param({ "lockfree-1lane", "lockfree-2lanes", "spring-executor", "disruptor-mp" })
		public String subject;

		/** Kept as a parameter so the results table reports bytes per event; change it with care. */
		@Param({ "100" })
		public int eventsPerOp = EVENTS_PER_OP;

		private final MeasuredEvent event = new MeasuredEvent(this, 0, 1L);

		private AtomicCountingListener[] targets;

		private AsyncSubject dispatcher;

		private long delivered;

		@Setup(Level.Trial)
		public void setUp() {
			this.targets = new AtomicCountingListener[this.listeners];
			for (int i = 0; i < this.listeners; i++) {
				this.targets[i] = new AtomicCountingListener(1);
			}
			this.dispatcher = switch (this.subject) {
				case "lockfree-1lane" -> new LockFreeAsyncSubject(this.targets, 1);
				case "lockfree-2lanes" -> new LockFreeAsyncSubject(this.targets, 2);
				case "spring-executor" -> new SpringExecutorDispatcher(this.targets, POOL_THREADS);
				case "disruptor-mp" -> new DisruptorDispatcher(this.targets, LockFreeEventOptions.DEFAULT_CAPACITY,
						new BlockingWaitStrategy());
				default -> throw new IllegalArgumentException("Unknown subject: " + this.subject);
			};
		}

		@Benchmark
		public long publishBatch() {
			for (int i = 0; i < this.eventsPerOp; i++) {
				this.dispatcher.publish(this.event);
			}
			long expected = this.delivered += this.eventsPerOp;
			for (AtomicCountingListener target : this.targets) {
				AwaitDelivery.awaitTotal(this.subject, target, 0, expected);
			}
			return expected;
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.dispatcher.close();
		}

	}

}
