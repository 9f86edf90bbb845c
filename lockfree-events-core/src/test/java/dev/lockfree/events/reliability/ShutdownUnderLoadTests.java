package dev.lockfree.events.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.context.event.SimpleApplicationEventMulticaster;

import dev.lockfree.events.DispatchMode;
import dev.lockfree.events.LockFreeApplicationEventMulticaster;
import dev.lockfree.events.LockFreeEventOptions;
import dev.lockfree.events.OverflowPolicy;
import dev.lockfree.events.stats.EventStatistics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real context, an async multicaster, {@code @EventListener} beans, 4 publishers, and {@code close()} in the
 * middle of it.
 */
class ShutdownUnderLoadTests {

	private static final String PREFIX = "shutdown-load-";

	/**
	 * While 4 threads publish, {@code close()} returns within the shutdown timeout, no lane worker is alive
	 * afterwards, and every event the multicaster accepted is delivered exactly once, none abandoned, except
	 * those published in the last window of close (after the listener beans were destroyed and before the
	 * context let go of its multicaster), which fail with "has been closed already" exactly as they do with
	 * Spring's own multicaster, and are counted as errors. (An event published in that window may also reach
	 * a listener bean that the context creates anew after destroying it, as with Spring's multicaster: the
	 * listeners' counts are per bean name, so such deliveries count.)
	 */
	@Test
	void closeUnderLoadDeliversEveryAcceptedEventAndStopsTheWorkers() throws Exception {
		LoadConfiguration.reset();
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(LoadConfiguration.class);
		LockFreeApplicationEventMulticaster multicaster = context.getBean(LockFreeApplicationEventMulticaster.class);
		List<Tally> listeners = List.of(LoadConfiguration.first, LoadConfiguration.second);
		AtomicBoolean publishing = new AtomicBoolean(true);
		AtomicLong returnedBeforeClose = new AtomicLong();
		AtomicBoolean closeStarted = new AtomicBoolean();
		List<Throwable> unexpected = new CopyOnWriteArrayList<>();
		CountDownLatch warm = new CountDownLatch(4);
		List<Thread> publishers = new ArrayList<>();
		for (int p = 0; p < 4; p++) {
			int publisher = p;
			publishers.add(Threads.start("shutdown-publisher-" + p, () -> {
				try {
					for (int seq = 0; publishing.get(); seq++) {
						context.publishEvent(new LoadEvent(publisher, seq));
						if (!closeStarted.get()) {
							returnedBeforeClose.incrementAndGet();
						}
						if (seq == 1_000) {
							warm.countDown();
						}
					}
				}
				catch (Throwable ex) {
					unexpected.add(ex);
				}
			}));
		}
		assertThat(warm.await(30, TimeUnit.SECONDS)).isTrue();

		closeStarted.set(true);
		long start = System.nanoTime();
		context.close();
		Duration closing = Duration.ofNanos(System.nanoTime() - start);
		publishing.set(false);
		for (Thread publisher : publishers) {
			Threads.join(publisher, Duration.ofSeconds(30));
		}

		assertThat(unexpected).isEmpty();
		assertThat(closing).isLessThan(LoadConfiguration.SHUTDOWN_TIMEOUT);
		assertThat(Threads.anyAlive(PREFIX)).as("a lane worker is alive").isFalse();
		EventStatistics statistics = multicaster.getStatistics();
		long accepted = statistics.eventTypes()
			.stream()
			.filter((type) -> type.eventType().equals(LoadEvent.class.getName()))
			.mapToLong((type) -> type.published())
			.sum();
		assertThat(statistics.abandoned()).isZero();
		assertThat(statistics.errorsByException().keySet()).isSubsetOf(IllegalStateException.class.getName());
		assertThat(statistics.errors()).isEqualTo(LoadConfiguration.errors.sum());
		for (Tally listener : listeners) {
			assertThat(listener.duplicates.get()).isZero();
			assertThat(listener.received.sum()).isGreaterThanOrEqualTo(returnedBeforeClose.get());
		}
		long delivered = listeners.get(0).received.sum() + listeners.get(1).received.sum();
		assertThat(delivered + statistics.errors())
			.as("received %s, %s; %s; %s", listeners.get(0).received, listeners.get(1).received,
					statistics.listeners(), statistics.errorsByException())
			.isEqualTo(2 * accepted);
		Report.record("shutdown under load", "accepted=" + accepted + " deliveries (2 listeners)=" + delivered
				+ " failed after bean destruction=" + statistics.errors() + " listener beans created anew during close="
				+ (LoadConfiguration.instances.get() - 2) + " overflowed(BLOCK)="
				+ statistics.overflowed(OverflowPolicy.BLOCK)
				+ " returnedBeforeClose=" + returnedBeforeClose.get() + " abandoned=" + statistics.abandoned()
				+ " close took " + closing.toMillis() + " ms");
	}

	/**
	 * A publish after close does what Spring's context does with its own multicaster: it returns normally and
	 * reaches no listener (the context has let go of its multicaster).
	 */
	@Test
	void publishAfterCloseIsDroppedByTheContextAsWithSpringsMulticaster() {
		for (Class<?> configuration : List.of(LoadConfiguration.class, SpringConfiguration.class)) {
			AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(configuration);
			Tally listener = context.getBean("loadListener", LoadListener.class).tally;
			context.publishEvent(new LoadEvent(0, 0));
			context.close();
			context.publishEvent(new LoadEvent(0, 1));
			context.publishEvent("a payload");
			assertThat(listener.received.sum()).as(configuration.getSimpleName()).isEqualTo(1);
		}
	}

	record LoadEvent(int publisher, int seq) {
	}

	/** What the listener beans of one bean name received, whichever instance received it. */
	static final class Tally {

		final LongAdder received = new LongAdder();

		final AtomicInteger duplicates = new AtomicInteger();

		private final Set<Long> seen = ConcurrentHashMap.newKeySet();

		void record(LoadEvent event) {
			if (!this.seen.add(((long) event.publisher() << 32) | event.seq())) {
				this.duplicates.incrementAndGet();
			}
			this.received.increment();
		}

	}

	static class LoadListener {

		final Tally tally;

		LoadListener(Tally tally) {
			this.tally = tally;
		}

		@EventListener
		void on(LoadEvent event) {
			this.tally.record(event);
			for (int i = 0; i < 200; i++) {
				Thread.onSpinWait();
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LoadConfiguration {

		static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

		private static final AtomicInteger contexts = new AtomicInteger();

		static final LongAdder errors = new LongAdder();

		static final AtomicInteger instances = new AtomicInteger();

		static volatile Tally first = new Tally();

		static volatile Tally second = new Tally();

		static void reset() {
			errors.reset();
			instances.set(0);
			first = new Tally();
			second = new Tally();
		}

		@Bean
		static LockFreeApplicationEventMulticaster applicationEventMulticaster() {
			LockFreeApplicationEventMulticaster multicaster = new LockFreeApplicationEventMulticaster(null,
					LockFreeEventOptions.builder()
						.mode(DispatchMode.ASYNC)
						.lanes(2)
						.capacity(64)
						.overflowPolicy(OverflowPolicy.BLOCK)
						.shutdownTimeout(SHUTDOWN_TIMEOUT)
						.threadNamePrefix(PREFIX + contexts.incrementAndGet() + "-")
						.build());
			multicaster.setErrorHandler((ex) -> errors.increment());
			return multicaster;
		}

		@Bean
		LoadListener loadListener() {
			instances.incrementAndGet();
			return new LoadListener(first);
		}

		@Bean
		LoadListener secondLoadListener() {
			instances.incrementAndGet();
			return new LoadListener(second);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SpringConfiguration {

		@Bean
		static SimpleApplicationEventMulticaster applicationEventMulticaster() {
			return new SimpleApplicationEventMulticaster();
		}

		@Bean
		LoadListener loadListener() {
			return new LoadListener(new Tally());
		}

	}

}
