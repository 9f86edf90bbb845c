package dev.lockfree.events.throughput;

import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.ThreadParams;

import dev.lockfree.events.DispatchMode;
import dev.lockfree.events.LockFreeApplicationEventMulticaster;
import dev.lockfree.events.LockFreeEventOptions;
import dev.lockfree.events.baseline.DisruptorDispatcher;
import dev.lockfree.events.baseline.GuavaAsyncDispatcher;
import dev.lockfree.events.baseline.MpscQueueDispatcher;
import dev.lockfree.events.baseline.SpringExecutorDispatcher;
import dev.lockfree.events.support.AsyncSubject;
import dev.lockfree.events.support.AtomicCountingListener;
import dev.lockfree.events.support.AwaitDelivery;
import dev.lockfree.events.support.Idle;
import dev.lockfree.events.support.LockFreeAsyncSubject;
import dev.lockfree.events.support.MeasuredEvent;

/**
 * Issue 3: asynchronous dispatch end to end. One operation publishes {@code eventsPerOp} (1000) events to 10
 * listeners and returns once all 10 listeners have handled all of them (10,000 invocations), so the score
 * is the rate at which events are both accepted and delivered, not only queued. Scores are operations per
 * second: multiply by {@code eventsPerOp} for events per second, and divide {@code gc.alloc.rate.norm} by it
 * for bytes per event.
 *
 * <p>Subjects ({@code subject}):
 * <ul>
 * <li>{@code lockfree-1lane}, {@code lockfree-2lanes}: {@link LockFreeApplicationEventMulticaster} in
 * {@link DispatchMode#ASYNC} with 1 or 2 lanes, other options at their defaults;
 * <li>{@code spring-executor}: Spring's multicaster with a 2-thread {@code ThreadPoolTaskExecutor} (the
 * baseline of the ratios);
 * <li>{@code disruptor-mp}, {@code disruptor-mp-yield}: LMAX Disruptor 4, multi-producer, one handler
 * invoking the 10 listeners, {@code BlockingWaitStrategy} or {@code YieldingWaitStrategy};
 * <li>{@code jctools-mpsc}: a raw {@code MpscArrayQueue} and one consumer thread, the floor;
 * <li>{@code guava-async}: Guava's {@code AsyncEventBus} on a 2-thread pool.
 * </ul>
 * Rings and queues that have a capacity get {@value #CAPACITY}, our lanes' default. Goals: ours at least 10
 * times {@code spring-executor}, at least {@code disruptor-mp}, at most 64 bytes allocated per event.
 *
 * <p>Publishers: {@link #onePublisher}, {@link #twoPublishers} and {@link #fourPublishers} run 1, 2 or 4 JMH
 * threads publishing into the same subject; each thread publishes its own pre-allocated event (which names
 * it) and waits for its own events only, on the listeners' per-publisher counters. Scores of the
 * multi-publisher methods are totals over their threads. Waiting spins with {@link Thread#onSpinWait()},
 * then yields (see {@link Idle}): with more threads than the machine's 2 cores, pure spinning would starve
 * the workers being waited for.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class AsyncEndToEndBenchmark {

	/** Listeners each event goes to. */
	static final int LISTENERS = 10;

	/** Most publisher threads the listeners keep counters for. */
	static final int MAX_PUBLISHERS = 8;

	/** Capacity of every ring or bounded queue, our default lane capacity. */
	static final int CAPACITY = LockFreeEventOptions.DEFAULT_CAPACITY;

	/** Worker threads of the thread-pool baselines, the same as our default lane count. */
	static final int POOL_THREADS = 2;

	@Param({ "lockfree-1lane", "lockfree-2lanes", "spring-executor", "disruptor-mp", "disruptor-mp-yield",
			"jctools-mpsc", "guava-async" })
	public String subject;

	@Param({ "1000" })
	public int eventsPerOp;

	private final AtomicCountingListener[] listeners = new AtomicCountingListener[LISTENERS];

	private AsyncSubject dispatcher;

	@Setup(Level.Trial)
	public void setUp() {
		for (int i = 0; i < LISTENERS; i++) {
			this.listeners[i] = new AtomicCountingListener(MAX_PUBLISHERS);
		}
		this.dispatcher = switch (this.subject) {
			case "lockfree-1lane" -> new LockFreeAsyncSubject(this.listeners, 1);
			case "lockfree-2lanes" -> new LockFreeAsyncSubject(this.listeners, 2);
			case "spring-executor" -> new SpringExecutorDispatcher(this.listeners, POOL_THREADS);
			case "disruptor-mp" -> new DisruptorDispatcher(this.listeners, CAPACITY, new BlockingWaitStrategy());
			case "disruptor-mp-yield" -> new DisruptorDispatcher(this.listeners, CAPACITY, new YieldingWaitStrategy());
			case "jctools-mpsc" -> new MpscQueueDispatcher(this.listeners, CAPACITY);
			case "guava-async" -> new GuavaAsyncDispatcher(this.listeners, POOL_THREADS);
			default -> throw new IllegalArgumentException("Unknown subject: " + this.subject);
		};
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.dispatcher.close();
	}

	@Benchmark
	public long onePublisher(Publisher publisher) {
		return publishAndAwait(publisher);
	}

	@Benchmark
	@Threads(2)
	public long twoPublishers(Publisher publisher) {
		return publishAndAwait(publisher);
	}

	@Benchmark
	@Threads(4)
	public long fourPublishers(Publisher publisher) {
		return publishAndAwait(publisher);
	}

	private long publishAndAwait(Publisher publisher) {
		MeasuredEvent event = publisher.event;
		for (int i = 0; i < this.eventsPerOp; i++) {
			this.dispatcher.publish(event);
		}
		long expected = publisher.delivered += this.eventsPerOp * event.amount();
		for (AtomicCountingListener listener : this.listeners) {
			AwaitDelivery.awaitTotal(this.subject, listener, publisher.index, expected);
		}
		return expected;
	}

	/** One publishing thread: its index, its event, and the total its events should have reached. */
	@State(Scope.Thread)
	public static class Publisher {

		int index;

		MeasuredEvent event;

		long delivered;

		@Setup(Level.Trial)
		public void setUp(ThreadParams threads) {
			this.index = threads.getThreadIndex();
			if (this.index >= MAX_PUBLISHERS) {
				throw new IllegalArgumentException("At most " + MAX_PUBLISHERS + " publisher threads, not "
						+ threads.getThreadCount());
			}
			this.event = new MeasuredEvent(this, this.index, 1L);
		}

	}

}
