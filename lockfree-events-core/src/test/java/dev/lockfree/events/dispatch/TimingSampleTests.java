package dev.lockfree.events.dispatch;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

import dev.lockfree.events.DispatchMode;
import dev.lockfree.events.LockFreeApplicationEventMulticaster;
import dev.lockfree.events.LockFreeEventOptions;
import dev.lockfree.events.stats.EventStatistics;
import dev.lockfree.events.stats.ListenerStatistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code timing.sample-interval}: one dispatch in that many is timed, for every listener it reaches, and the
 * counts stay exact whatever the interval. From one publishing thread a cached route's publishes are numbered
 * 0, 1, 2, ... on one stripe, so the timed dispatches are exactly those numbered 0, interval, 2 * interval, ...
 */
class TimingSampleTests {

	private static final int PUBLISHES = 64;

	@Test
	void syncDispatchTimesOneDispatchInTheIntervalForEachOfItsListeners() {
		LockFreeApplicationEventMulticaster multicaster = multicaster(
				LockFreeEventOptions.builder().timingSampleInterval(8));
		AtomicLong received = new AtomicLong();
		multicaster.addApplicationListener((ApplicationListener<SampledEvent>) (event) -> received.incrementAndGet());
		multicaster.addApplicationListener((ApplicationListener<SampledEvent>) (event) -> received.incrementAndGet());
		publish(multicaster);
		EventStatistics statistics = multicaster.getStatistics();
		assertThat(received).hasValue(2L * PUBLISHES);
		assertThat(statistics.invocations()).isEqualTo(2L * PUBLISHES);
		assertThat(statistics.execution().count()).isEqualTo(2L * PUBLISHES / 8);
		assertThat(statistics.listeners()).hasSize(2)
			.allSatisfy((listener) -> assertThat(listener.execution().count()).isEqualTo(PUBLISHES / 8));
	}

	@Test
	void intervalOfOneTimesEveryDispatch() {
		LockFreeApplicationEventMulticaster multicaster = multicaster(
				LockFreeEventOptions.builder().timingSampleInterval(1));
		multicaster.addApplicationListener((ApplicationListener<SampledEvent>) (event) -> {
		});
		publish(multicaster);
		assertThat(multicaster.getStatistics().execution().count()).isEqualTo(PUBLISHES);
	}

	@Test
	void defaultIntervalTimesOnlyTheFirstOfFewDispatches() {
		assertThat(LockFreeEventOptions.defaults().timingSampleInterval())
			.isEqualTo(LockFreeEventOptions.DEFAULT_TIMING_SAMPLE_INTERVAL)
			.isGreaterThan(PUBLISHES);
		LockFreeApplicationEventMulticaster multicaster = new LockFreeApplicationEventMulticaster();
		multicaster.addApplicationListener((ApplicationListener<SampledEvent>) (event) -> {
		});
		publish(multicaster);
		assertThat(multicaster.getStatistics().execution().count()).isEqualTo(1);
		assertThat(multicaster.getStatistics().invocations()).isEqualTo(PUBLISHES);
	}

	/**
	 * A listener of the published type added and removed between every two publishes replaces the route each
	 * time (a derived route, see {@code RouteDeriver}); a derived route starts its sampling phase at random, so the
	 * permanent listener is still timed about once per interval (4,096 publishes at 1 in 8: 512 expected, a
	 * standard deviation of 21), not on the first dispatch of every replacement (4,096).
	 */
	@Test
	void registrationChurnKeepsTheSamplingRate() {
		int publishes = 4096;
		LockFreeApplicationEventMulticaster multicaster = multicaster(
				LockFreeEventOptions.builder().timingSampleInterval(8));
		AtomicLong permanent = new AtomicLong();
		multicaster.addApplicationListener((ApplicationListener<SampledEvent>) (event) -> permanent.incrementAndGet());
		ApplicationListener<SampledEvent> churning = (event) -> {
		};
		for (int i = 0; i < publishes; i++) {
			multicaster.multicastEvent(new SampledEvent(i));
			multicaster.addApplicationListener(churning);
			multicaster.removeApplicationListener(churning);
		}
		assertThat(permanent).hasValue(publishes);
		assertThat(multicaster.getStatistics().listeners())
			.filteredOn((listener) -> listener.invocations() == publishes)
			.singleElement()
			.satisfies((listener) -> assertThat(listener.execution().count()).isBetween(400L, 624L));
	}

	@Test
	void asyncDispatchTimesTheRingWaitAndTheListenersOfOneDispatchInTheInterval() {
		LockFreeApplicationEventMulticaster multicaster = multicaster(
				LockFreeEventOptions.builder().mode(DispatchMode.ASYNC).lanes(1).timingSampleInterval(4));
		AtomicLong received = new AtomicLong();
		multicaster.addApplicationListener((ApplicationListener<SampledEvent>) (event) -> received.incrementAndGet());
		try {
			publish(multicaster);
			await().untilAsserted(() -> assertThat(received).hasValue(PUBLISHES));
			EventStatistics statistics = multicaster.getStatistics();
			await().untilAsserted(() -> assertThat(statistics.invocations()).isEqualTo(PUBLISHES));
			assertThat(statistics.ringWait().count()).isEqualTo(PUBLISHES / 4);
			assertThat(statistics.execution().count()).isEqualTo(PUBLISHES / 4);
			assertThat(statistics.listeners()).singleElement()
				.extracting(ListenerStatistics::execution)
				.satisfies((execution) -> assertThat(execution.count()).isEqualTo(PUBLISHES / 4));
		}
		finally {
			multicaster.stop();
		}
	}

	private static LockFreeApplicationEventMulticaster multicaster(LockFreeEventOptions.Builder options) {
		return new LockFreeApplicationEventMulticaster(null, options.threadNamePrefix("timing-sample-").build());
	}

	private static void publish(LockFreeApplicationEventMulticaster multicaster) {
		for (int i = 0; i < PUBLISHES; i++) {
			multicaster.multicastEvent(new SampledEvent(i));
		}
	}

	static final class SampledEvent extends ApplicationEvent {

		SampledEvent(int number) {
			super(number);
		}

	}

}
