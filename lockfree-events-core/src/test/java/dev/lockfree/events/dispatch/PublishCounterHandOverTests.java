package dev.lockfree.events.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;

import dev.lockfree.events.DispatchMode;
import dev.lockfree.events.LockFreeEventOptions;
import dev.lockfree.events.registry.ListenerRegistry;
import dev.lockfree.events.stats.EventTypeStatistics;
import dev.lockfree.events.stats.ListenerStatistics;
import dev.lockfree.events.stats.StripedCounter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A route's publish counter is kept unsealed by the route derived from it and taken over by the next route that
 * counts alike ({@link Route#previousPublishes}, {@link RouteLedger#retireReplaced}): under registration churn the
 * counters go back and forth between the two listener sets instead of a new one per change, and every publish is
 * still counted exactly once, for the listeners it reached.
 */
class PublishCounterHandOverTests {

	private final ListenerRegistry registry = new ListenerRegistry();

	private final EventDispatcher dispatcher = new EventDispatcher(this.registry,
			LockFreeEventOptions.builder().mode(DispatchMode.SYNC).build());

	@AfterEach
	void shutDown() {
		this.dispatcher.shutdown();
	}

	@Test
	void aListenerAddedAndRemovedAgainAndAgainHandsTheCountersBackAndForth() {
		Counting first = new Counting("first", 1);
		Counting second = new Counting("second", 2);
		Counting churning = new Counting("churning", 0);
		this.registry.addListener(first);
		this.registry.addListener(second);
		publish(3);
		StripedCounter withoutChurning = route().publishes;

		this.registry.addListener(churning);
		publish(5);
		StripedCounter withChurning = route().publishes;
		assertThat(withChurning).isNotSameAs(withoutChurning);
		assertThat(route().previousPublishes).isSameAs(withoutChurning);

		this.registry.removeListener(churning);
		publish(7);
		assertThat(route().publishes).isSameAs(withoutChurning);
		this.registry.addListener(churning);
		publish(11);
		assertThat(route().publishes).isSameAs(withChurning);
		this.registry.removeListener(churning);
		publish(13);
		assertThat(route().publishes).isSameAs(withoutChurning);
		// Still open: no count was folded into the ledger on the way, and none is lost.
		assertThat(StripedCounter.isSealed(withoutChurning.getAndIncrement())).isFalse();
		assertThat(invocations("first")).isEqualTo(3 + 5 + 7 + 11 + 13 + 1);
		assertThat(invocations("churning")).isEqualTo(5 + 11);
		assertThat(published()).isEqualTo(3 + 5 + 7 + 11 + 13 + 1);

		// Other listener sets: counters of their own, and the counters nobody takes over are sealed on the way,
		// their counts kept.
		Counting third = new Counting("third", 3);
		this.registry.addListener(third);
		this.registry.removeListener(first);
		publish(17);
		assertThat(route().publishes).isNotSameAs(withoutChurning).isNotSameAs(withChurning);
		assertThat(StripedCounter.isSealed(withoutChurning.getAndIncrement())).isTrue();
		// The probe that found the counter sealed was not counted anywhere: only a dispatch counts such a one.
		assertThat(invocations("first")).isEqualTo(3 + 5 + 7 + 11 + 13 + 1);
		assertThat(invocations("second")).isEqualTo(3 + 5 + 7 + 11 + 13 + 1 + 17);
		assertThat(invocations("third")).isEqualTo(17);
		assertThat(invocations("churning")).isEqualTo(5 + 11);
	}

	/**
	 * A route derived from the same one as the cached route, which took over the same counter but was never
	 * cached (its replace lost), leaves that counter alone when it is retired: sealing it would send every
	 * publish through the cached route to the ledger, one by one, until the next change.
	 */
	@Test
	void aRouteThatWasNeverCachedDoesNotSealTheCounterItSharesWithTheCachedOne() {
		Counting first = new Counting("first", 1);
		Counting churning = new Counting("churning", 0);
		this.registry.addListener(first);
		publish(1);
		StripedCounter withoutChurning = route().publishes;
		this.registry.addListener(churning);
		publish(1);
		Route withChurning = route();
		this.registry.removeListener(churning);
		assertThat(route().publishes).isSameAs(withoutChurning);

		// The same derivation again, as a publisher that found the replaced route stale would make it.
		Route loser = RouteDeriver.derive(withChurning, this.registry.current(), (listener, registration, type) -> {
			throw new AssertionError("nothing is added");
		}, 1);
		assertThat(loser).isNotSameAs(route());
		assertThat(loser.publishes).isSameAs(withoutChurning);
		this.dispatcher.cache().replace(withChurning, loser, this.dispatcher.ledger());
		assertThat(loser.isRetired()).isTrue();

		assertThat(withoutChurning.isSealed()).isFalse();
		publish(5);
		assertThat(StripedCounter.isSealed(withoutChurning.getAndIncrement())).isFalse();
		assertThat(invocations("first")).isEqualTo(1 + 1 + 5 + 1);
	}

	/**
	 * Two threads each add and remove a listener of the published type (their CASes race, so routes built from the
	 * same one, prepared and derived, take over the same counter and some are never cached) while two threads
	 * publish: every listener's invocations, and the published count, equal what the listeners received.
	 */
	@Test
	void countsStayExactWhilePublishersRaceTheHandOvers() throws Exception {
		Counting stable = new Counting("stable", 1);
		List<Counting> churning = List.of(new Counting("churning-a", 0), new Counting("churning-b", 2));
		this.registry.addListener(stable);
		AtomicBoolean running = new AtomicBoolean(true);
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> registrars = new ArrayList<>();
		for (Counting listener : churning) {
			registrars.add(start(() -> {
				await(start);
				while (running.get()) {
					this.registry.addListener(listener);
					this.registry.removeListener(listener);
				}
			}));
		}
		int publishers = 2;
		int events = 400_000;
		List<Thread> publishing = new ArrayList<>();
		for (int p = 0; p < publishers; p++) {
			publishing.add(start(() -> {
				await(start);
				for (int i = 0; i < events; i++) {
					this.dispatcher.dispatch(new Ping(this), null);
				}
			}));
		}
		start.countDown();
		for (Thread thread : publishing) {
			thread.join();
		}
		running.set(false);
		for (Thread thread : registrars) {
			thread.join();
		}

		assertThat(stable.received.sum()).isEqualTo((long) publishers * events);
		assertThat(published()).isEqualTo((long) publishers * events);
		assertThat(invocations("stable")).isEqualTo(stable.received.sum());
		for (Counting listener : churning) {
			assertThat(listener.received.sum()).as("%s received something", listener.id).isPositive();
			assertThat(invocations(listener.id)).as("invocations of %s", listener.id)
				.isEqualTo(listener.received.sum());
		}
	}

	private void publish(int times) {
		for (int i = 0; i < times; i++) {
			this.dispatcher.dispatch(new Ping(this), null);
		}
	}

	private Route route() {
		return this.dispatcher.cache().find(Ping.class, null, PublishCounterHandOverTests.class);
	}

	private long invocations(String id) {
		return this.dispatcher.statistics()
			.listeners()
			.stream()
			.filter((listener) -> listener.id().equals(id))
			.mapToLong(ListenerStatistics::invocations)
			.findFirst()
			.orElseThrow();
	}

	private long published() {
		return this.dispatcher.statistics()
			.eventTypes()
			.stream()
			.filter((type) -> type.eventType().equals(Ping.class.getName()))
			.mapToLong(EventTypeStatistics::published)
			.findFirst()
			.orElseThrow();
	}

	private static Thread start(Runnable task) {
		Thread thread = new Thread(task);
		thread.start();
		return thread;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static class Ping extends ApplicationEvent {

		Ping(Object source) {
			super(source);
		}

	}

	/** Counts what it receives; ordered, with an id for the statistics. */
	static final class Counting implements SmartApplicationListener {

		final String id;

		final int order;

		final LongAdder received = new LongAdder();

		Counting(String id, int order) {
			this.id = id;
			this.order = order;
		}

		@Override
		public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
			return Ping.class.isAssignableFrom(eventType);
		}

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			this.received.increment();
		}

		@Override
		public int getOrder() {
			return this.order;
		}

		@Override
		public String getListenerId() {
			return this.id;
		}

	}

}
