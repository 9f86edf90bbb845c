package dev.lockfree.events.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import dev.lockfree.events.DispatchMode;
import dev.lockfree.events.KeyedEvent;
import dev.lockfree.events.LockFreeApplicationEventMulticaster;
import dev.lockfree.events.LockFreeEventOptions;
import dev.lockfree.events.stats.LaneStatistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults: listeners throwing errors on lanes, a listener stuck on one lane, a listener removed while it runs,
 * and a prototype listener bean that cannot be created.
 */
class FaultTests {

	private static final AtomicInteger multicasters = new AtomicInteger();

	private final List<LockFreeApplicationEventMulticaster> created = new ArrayList<>();

	@AfterEach
	void stopMulticasters() {
		this.created.forEach(LockFreeApplicationEventMulticaster::stop);
	}

	private LockFreeApplicationEventMulticaster asyncMulticaster(int lanes) {
		LockFreeApplicationEventMulticaster multicaster = new LockFreeApplicationEventMulticaster(null,
				LockFreeEventOptions.builder()
					.mode(DispatchMode.ASYNC)
					.lanes(lanes)
					.capacity(64)
					.shutdownTimeout(Duration.ofSeconds(10))
					.threadNamePrefix("fault-" + multicasters.incrementAndGet() + "-")
					.build());
		this.created.add(multicaster);
		return multicaster;
	}

	/**
	 * Listeners throwing {@link Error}s ({@code AssertionError}, a real {@code StackOverflowError}, an
	 * {@code ExceptionInInitializerError}) and {@code RuntimeException}s on a lane leave its worker thread alive
	 * and delivering, are counted by exception class, and do not keep the other listeners from any event.
	 */
	@Test
	void errorsThrownOnALaneAreCountedAndNeitherKillTheWorkerNorStarveOtherListeners() {
		LockFreeApplicationEventMulticaster multicaster = asyncMulticaster(1);
		LongAdder handled = new LongAdder();
		multicaster.setErrorHandler((ex) -> handled.increment());
		Set<Thread> workers = ConcurrentHashMap.newKeySet();
		LongAdder healthy = new LongAdder();
		multicaster.addApplicationListener((ApplicationListener<Numbered>) (event) -> {
			workers.add(Thread.currentThread());
			switch (event.number % 4) {
				case 0 -> throw new AssertionError("assertion " + event.number);
				case 1 -> recurse(event.number);
				case 2 -> throw new ExceptionInInitializerError("initializer " + event.number);
				default -> throw new IllegalStateException("state " + event.number);
			}
		});
		multicaster.addApplicationListener((ApplicationListener<Numbered>) (event) -> healthy.increment());
		int events = 400;
		for (int i = 0; i < events; i++) {
			multicaster.multicastEvent(new Numbered(i));
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> healthy.sum() == events && handled.sum() == events);
		assertThat(workers).singleElement().satisfies((worker) -> assertThat(worker.isAlive()).isTrue());
		assertThat(multicaster.getStatistics().lanes()).singleElement()
			.satisfies((lane) -> assertThat(lane.workerState()).isNotEqualTo("STOPPED"));
		assertThat(multicaster.getStatistics().errors()).isEqualTo(events);
		assertThat(multicaster.getStatistics().errorsByException()).containsExactlyInAnyOrderEntriesOf(Map.of(
				AssertionError.class.getName(), 100L, StackOverflowError.class.getName(), 100L,
				ExceptionInInitializerError.class.getName(), 100L, IllegalStateException.class.getName(), 100L));
		// The worker still delivers after all that.
		multicaster.multicastEvent(new Numbered(3));
		await().atMost(Duration.ofSeconds(10)).until(() -> healthy.sum() == events + 1);
		Report.record("errors on a lane", events + " failures (4 kinds), worker alive, healthy listener got "
				+ healthy.sum());
	}

	private static int recurse(int depth) {
		return recurse(depth + 1) + 1;
	}

	/**
	 * A listener stuck on one lane holds up only that lane: events of the other lane keep flowing to every
	 * listener, the stuck lane's size grows in {@code getStatistics().lanes()}, and once released it delivers
	 * everything it holds.
	 */
	@Test
	void aListenerStuckOnOneLaneDoesNotHoldUpTheOtherLane() throws Exception {
		LockFreeApplicationEventMulticaster multicaster = asyncMulticaster(2);
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		LongAdder[] received = { new LongAdder(), new LongAdder() };
		multicaster.addApplicationListener((ApplicationListener<Keyed>) (event) -> {
			if (event.key == 0 && event.number == 0) {
				entered.countDown();
				try {
					release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		});
		multicaster.addApplicationListener((ApplicationListener<Keyed>) (event) -> received[event.key].increment());
		multicaster.multicastEvent(new Keyed(0, 0));
		assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
		int stuck = 40;
		for (int i = 1; i <= stuck; i++) {
			multicaster.multicastEvent(new Keyed(0, i));
		}
		int flowing = 5_000;
		for (int i = 0; i < flowing; i++) {
			multicaster.multicastEvent(new Keyed(1, i));
		}

		await().atMost(Duration.ofSeconds(20)).until(() -> received[1].sum() == flowing);
		List<LaneStatistics> lanes = multicaster.getStatistics().lanes();
		assertThat(lanes.get(0).size()).isEqualTo(stuck);
		assertThat(lanes.get(1).size()).isZero();
		assertThat(received[0].sum()).isZero();
		release.countDown();
		await().atMost(Duration.ofSeconds(10)).until(() -> received[0].sum() == stuck + 1);
		Report.record("stuck lane", "lane 0 held " + stuck + " while lane 1 delivered " + flowing);
	}

	/**
	 * Removing a listener while it runs on a lane returns at once (it does not wait for the invocation), the
	 * running invocation completes, and the listener gets no later event.
	 */
	@Test
	void aListenerRemovedWhileRunningFinishesItsInvocationAndGetsNothingMore() throws Exception {
		LockFreeApplicationEventMulticaster multicaster = asyncMulticaster(1);
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		LongAdder completed = new LongAdder();
		LongAdder calls = new LongAdder();
		LongAdder other = new LongAdder();
		ApplicationListener<Numbered> running = (event) -> {
			calls.increment();
			entered.countDown();
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			completed.increment();
		};
		multicaster.addApplicationListener(running);
		multicaster.addApplicationListener((ApplicationListener<Numbered>) (event) -> other.increment());
		multicaster.multicastEvent(new Numbered(0));
		assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

		Thread remover = Threads.start("remover", () -> multicaster.removeApplicationListener(running));
		Threads.join(remover, Duration.ofSeconds(5));
		for (int i = 1; i <= 10; i++) {
			multicaster.multicastEvent(new Numbered(i));
		}
		assertThat(completed.sum()).isZero();
		release.countDown();

		await().atMost(Duration.ofSeconds(10)).until(() -> other.sum() == 11);
		assertThat(completed.sum()).isEqualTo(1);
		assertThat(calls.sum()).isEqualTo(1);
	}

	/**
	 * A prototype listener bean whose creation fails: in sync and in async mode the publisher gets the
	 * {@code BeanCreationException} and no listener gets the event, exactly as with Spring's
	 * {@code SimpleApplicationEventMulticaster} (with and without a task executor); the context stays usable.
	 */
	@Test
	void failingPrototypeListenerCreationReachesThePublisherAsWithSpringsMulticaster() {
		Map<String, Supplier<ApplicationEventMulticaster>> multicasters = Map.of(
				"lock-free sync", LockFreeApplicationEventMulticaster::new,
				"lock-free async", () -> asyncMulticaster(1),
				"Spring", SimpleApplicationEventMulticaster::new,
				"Spring with executor", () -> {
					SimpleApplicationEventMulticaster multicaster = new SimpleApplicationEventMulticaster();
					multicaster.setTaskExecutor(new SimpleAsyncTaskExecutor());
					return multicaster;
				});
		Map<String, String> outcomes = new java.util.TreeMap<>();
		multicasters.forEach((name, multicaster) -> {
			FailingPrototypeConfiguration.healthy.reset();
			AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
			context.registerBean("applicationEventMulticaster", ApplicationEventMulticaster.class, multicaster);
			context.register(FailingPrototypeConfiguration.class);
			context.refresh();
			String outcome;
			try {
				context.publishEvent(new Numbered(1));
				outcome = "returned";
			}
			catch (RuntimeException ex) {
				outcome = ex.getClass().getName();
			}
			outcomes.put(name, outcome + ", healthy listener got " + FailingPrototypeConfiguration.healthy.sum());
			context.publishEvent(new Other());
			context.close();
		});
		assertThat(outcomes.values()).containsOnly(
				"org.springframework.beans.factory.BeanCreationException, healthy listener got 0");
	}

	static final class Numbered extends ApplicationEvent {

		final int number;

		Numbered(int number) {
			super(Integer.valueOf(number));
			this.number = number;
		}

	}

	static final class Other extends ApplicationEvent {

		Other() {
			super("other");
		}

	}

	static final class Keyed extends ApplicationEvent implements KeyedEvent {

		final int key;

		final int number;

		Keyed(int key, int number) {
			super(Integer.valueOf(number));
			this.key = key;
			this.number = number;
		}

		@Override
		public Object orderingKey() {
			return this.key;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingPrototypeConfiguration {

		static final LongAdder healthy = new LongAdder();

		@Bean
		@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
		ApplicationListener<Numbered> failingPrototype() {
			throw new IllegalStateException("cannot create the listener");
		}

		@Bean
		ApplicationListener<Numbered> healthyListener() {
			return (event) -> healthy.increment();
		}

	}

}
