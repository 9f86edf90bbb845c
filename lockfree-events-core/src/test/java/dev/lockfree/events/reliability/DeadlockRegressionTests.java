package dev.lockfree.events.reliability;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.SimpleApplicationEventMulticaster;

import dev.lockfree.events.DispatchMode;
import dev.lockfree.events.LockFreeApplicationEventMulticaster;
import dev.lockfree.events.LockFreeEventOptions;
import dev.lockfree.events.OverflowPolicy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regressions for the deadlocks of Spring's tracker between singleton creation and event multicasting
 * (spring-framework issues 18633, 20904, 25799: a publisher holding the multicaster's retrieval lock waits for
 * the singleton lock held by a thread that creates a bean and publishes). Each scenario runs on its own thread,
 * joined with a timeout that fails with a thread dump; each runs with Spring's own multicaster too, so that
 * a wait that belongs to Spring's bean factory is told apart from one of ours.
 */
class DeadlockRegressionTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final List<Supplier<ApplicationEventMulticaster>> MULTICASTERS = List.of(
			LockFreeApplicationEventMulticaster::new,
			() -> new LockFreeApplicationEventMulticaster(null,
					LockFreeEventOptions.builder().mode(DispatchMode.ASYNC).lanes(2).capacity(2)
						.threadNamePrefix("deadlock-async-").build()),
			SimpleApplicationEventMulticaster::new);

	/**
	 * A listener bean whose initialization makes another thread publish an event that this very bean
	 * listens to, and waits for that thread: the context refreshes, and the event reaches the listener, with
	 * every multicaster (GH-25799 shape with the listener itself in creation).
	 */
	@Test // spring-framework GH-25799, GH-20904
	void listenerInCreationWaitingForAnotherThreadThatPublishesDoesNotDeadlock() throws Exception {
		for (Supplier<ApplicationEventMulticaster> multicaster : MULTICASTERS) {
			SelfPublishingListener.received.reset();
			SelfPublishingListener.publisherThread = null;
			runWithin("listener in creation: " + multicaster.get().getClass().getSimpleName(), () -> {
				try (AnnotationConfigApplicationContext context = context(multicaster,
						SelfPublishingConfiguration.class)) {
					context.publishEvent(new Ping(context));
					awaitDelivered(SelfPublishingListener.received, 2);
				}
			});
			Threads.join(SelfPublishingListener.publisherThread, TIMEOUT);
		}
	}

	/**
	 * While the main thread creates a singleton whose constructor publishes, another thread publishes events
	 * whose listener is a prototype bean depending on that very singleton, so that it waits for the main thread
	 * inside the multicast: refresh completes and every event of both threads is delivered (GH-18633 shape).
	 */
	@Test // spring-framework GH-18633
	void publishingFromAnotherThreadDuringSingletonCreationDoesNotDeadlock() throws Exception {
		for (Supplier<ApplicationEventMulticaster> multicaster : MULTICASTERS) {
			PrototypeListener.received.reset();
			MainListener.received.reset();
			BackgroundPublisher.published.set(0);
			Dependency.creating = new java.util.concurrent.CountDownLatch(1);
			Dependency.backgroundPublishing = new java.util.concurrent.CountDownLatch(1);
			runWithin("publishing during creation: " + multicaster.get().getClass().getSimpleName(), () -> {
				try (AnnotationConfigApplicationContext context = context(multicaster,
						CreationRaceConfiguration.class)) {
					context.getBean(BackgroundPublisher.class).stop();
					awaitDelivered(PrototypeListener.received, BackgroundPublisher.published.get());
					awaitDelivered(MainListener.received, Dependency.EVENTS);
				}
			});
			assertThat(BackgroundPublisher.published.get()).isPositive();
		}
	}

	/**
	 * A lane listener that publishes re-entrantly into its own full ring (capacity 2, BLOCK policy) runs the
	 * nested listener on its own thread instead of waiting for itself: everything finishes and every nested
	 * event is delivered exactly once.
	 */
	@Test
	void reentrantPublishIntoAFullRingUnderBlockDoesNotDeadlock() throws Exception {
		LockFreeApplicationEventMulticaster multicaster = new LockFreeApplicationEventMulticaster(null,
				LockFreeEventOptions.builder()
					.mode(DispatchMode.ASYNC)
					.lanes(1)
					.capacity(2)
					.overflowPolicy(OverflowPolicy.BLOCK)
					.threadNamePrefix("deadlock-reentrant-")
					.build());
		LongAdder[] byGeneration = { new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder() };
		multicaster.addApplicationListener((ApplicationListener<Nested>) (event) -> {
			byGeneration[event.generation].increment();
			if (event.generation < 3) {
				multicaster.multicastEvent(new Nested(event.generation + 1));
				multicaster.multicastEvent(new Nested(event.generation + 1));
			}
		});
		int roots = 2_000;
		runWithin("re-entrant publish", () -> {
			for (int i = 0; i < roots; i++) {
				multicaster.multicastEvent(new Nested(0));
			}
			multicaster.stop();
		});
		assertThat(multicaster.getStatistics().abandoned()).isZero();
		assertThat(byGeneration[0].sum()).isEqualTo(roots);
		assertThat(byGeneration[1].sum()).isEqualTo(2L * roots);
		assertThat(byGeneration[2].sum()).isEqualTo(4L * roots);
		assertThat(byGeneration[3].sum()).isEqualTo(8L * roots);
		assertThat(multicaster.getStatistics().overflowed(OverflowPolicy.CALLER_RUNS)).isPositive();
		Report.record("re-entrant publish into a full ring", "events=" + 15L * roots + " ran on the worker "
				+ "(ring full)=" + multicaster.getStatistics().overflowed(OverflowPolicy.CALLER_RUNS)
				+ " publisher waits=" + multicaster.getStatistics().overflowed(OverflowPolicy.BLOCK));
	}

	private static AnnotationConfigApplicationContext context(Supplier<ApplicationEventMulticaster> multicaster,
			Class<?> configuration) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.registerBean("applicationEventMulticaster", ApplicationEventMulticaster.class, multicaster);
		context.register(configuration);
		context.refresh();
		return context;
	}

	private static void awaitDelivered(LongAdder counter, long expected) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (counter.sum() < expected) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("only " + counter.sum() + " of " + expected + " delivered");
			}
			Thread.onSpinWait();
			Thread.yield();
		}
		assertThat(counter.sum()).isEqualTo(expected);
	}

	/** Run the scenario on its own thread; fail with a thread dump if it does not finish in time. */
	private static void runWithin(String name, ThrowingRunnable scenario) throws Exception {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread thread = Threads.start("scenario " + name, () -> {
			try {
				scenario.run();
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		});
		Threads.join(thread, TIMEOUT);
		if (failure.get() != null) {
			throw new AssertionError(name + " failed", failure.get());
		}
	}

	interface ThrowingRunnable {

		void run() throws Exception;

	}

	static final class Ping extends ApplicationEvent {

		Ping(Object source) {
			super(source);
		}

	}

	static final class Nested extends ApplicationEvent {

		final int generation;

		Nested(int generation) {
			super(Integer.valueOf(generation));
			this.generation = generation;
		}

	}

	// ---- a listener bean that, while being created, makes another thread publish to it

	static class SelfPublishingListener implements ApplicationListener<Ping>, InitializingBean {

		static final LongAdder received = new LongAdder();

		static volatile Thread publisherThread;

		private final ApplicationEventPublisher publisher;

		SelfPublishingListener(ApplicationEventPublisher publisher) {
			this.publisher = publisher;
		}

		@Override
		public void afterPropertiesSet() throws InterruptedException {
			Thread other = Threads.start("publisher-while-creating", () -> this.publisher.publishEvent(new Ping(this)));
			publisherThread = other;
			// The other thread may have to wait for this bean (Spring's bean factory makes it wait): give it a
			// bounded time, as an application would, then finish creating the bean.
			other.join(500);
		}

		@Override
		public void onApplicationEvent(Ping event) {
			received.increment();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SelfPublishingConfiguration {

		@Bean
		SelfPublishingListener selfPublishingListener(ApplicationEventPublisher publisher) {
			return new SelfPublishingListener(publisher);
		}

	}

	// ---- another thread publishing while the main thread creates a singleton that publishes too

	static final class BackgroundPing extends ApplicationEvent {

		BackgroundPing(Object source) {
			super(source);
		}

	}

	/** Created on the main thread; publishes while being created. */
	static class Dependency {

		static final int EVENTS = 200;

		static volatile java.util.concurrent.CountDownLatch creating;

		/** Counted down by the background publisher right before its first publish. */
		static volatile java.util.concurrent.CountDownLatch backgroundPublishing;

		Dependency(ApplicationEventPublisher publisher) {
			creating.countDown();
			// Make the race happen: the other thread's first publish overlaps this creation (bounded wait).
			try {
				backgroundPublishing.await(5, java.util.concurrent.TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			for (int i = 0; i < EVENTS; i++) {
				publisher.publishEvent(new Ping(this));
				Thread.yield();
			}
		}

	}

	static class MainListener implements ApplicationListener<Ping> {

		static final LongAdder received = new LongAdder();

		@Override
		public void onApplicationEvent(Ping event) {
			received.increment();
		}

	}

	static class PrototypeListener implements ApplicationListener<BackgroundPing> {

		static final LongAdder received = new LongAdder();

		PrototypeListener(Dependency dependency) {
		}

		@Override
		public void onApplicationEvent(BackgroundPing event) {
			received.increment();
		}

	}

	/** Starts a thread that, once the main thread is creating {@link Dependency}, publishes until stopped. */
	static class BackgroundPublisher implements InitializingBean {

		static final AtomicInteger published = new AtomicInteger();

		private final AtomicBoolean running = new AtomicBoolean(true);

		private Thread thread;

		private final ApplicationEventPublisher publisher;

		BackgroundPublisher(ApplicationEventPublisher publisher) {
			this.publisher = publisher;
		}

		@Override
		public void afterPropertiesSet() {
			this.thread = Threads.start("background-publisher", () -> {
				try {
					Dependency.creating.await();
				}
				catch (InterruptedException ex) {
					return;
				}
				Dependency.backgroundPublishing.countDown();
				do {
					this.publisher.publishEvent(new BackgroundPing(this));
					published.incrementAndGet();
				}
				while (this.running.get());
			});
		}

		void stop() throws InterruptedException {
			this.running.set(false);
			Threads.join(this.thread, TIMEOUT);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CreationRaceConfiguration {

		@Bean
		BackgroundPublisher backgroundPublisher(ApplicationEventPublisher publisher) {
			return new BackgroundPublisher(publisher);
		}

		@Bean
		MainListener mainListener() {
			return new MainListener();
		}

		@Bean
		@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
		PrototypeListener prototypeListener(Dependency dependency) {
			return new PrototypeListener(dependency);
		}

		@Bean
		Dependency dependency(ApplicationEventPublisher publisher) {
			return new Dependency(publisher);
		}

	}

}
