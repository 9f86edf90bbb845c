package dev.lockfree.events.metrics;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

import dev.lockfree.events.DispatchMode;
import dev.lockfree.events.LockFreeApplicationEventMulticaster;
import dev.lockfree.events.LockFreeEventOptions;
import dev.lockfree.events.stats.EventStatistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link LockFreeEventsMetrics}.
 */
class LockFreeEventsMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final LockFreeApplicationEventMulticaster multicaster = new LockFreeApplicationEventMulticaster(null,
			LockFreeEventOptions.builder().lanes(3).capacity(128).build());

	@AfterEach
	void destroyMulticaster() throws Exception {
		this.multicaster.destroy();
	}

	@Test
	void countsEventsPublishedBeforeAndAfterBinding() {
		this.multicaster.addApplicationListener((ApplicationListener<OrderPlaced>) (event) -> {
		});
		this.multicaster.multicastEvent(new OrderPlaced());
		this.multicaster.multicastEvent(new OrderPlaced());
		bind();
		this.multicaster.multicastEvent(new OrderPlaced());
		assertThat(this.registry.get("lockfree.events.published").tag("dispatch", "sync").functionCounter().count())
			.isEqualTo(3);
		assertThat(this.registry.get("lockfree.events.published").tag("dispatch", "async").functionCounter().count())
			.isZero();
		assertThat(this.registry.get("lockfree.events.invocations").functionCounter().count()).isEqualTo(3);
	}

	@Test
	void countsAsyncEventsAndReadsStartedLanes() throws Exception {
		LockFreeApplicationEventMulticaster async = new LockFreeApplicationEventMulticaster(null,
				LockFreeEventOptions.builder().mode(DispatchMode.ASYNC).lanes(2).capacity(64).build());
		try {
			CountDownLatch delivered = new CountDownLatch(3);
			async.addApplicationListener((ApplicationListener<OrderPlaced>) (event) -> delivered.countDown());
			new LockFreeEventsMetrics(async.getStatistics()).bindTo(this.registry);
			for (int i = 0; i < 3; i++) {
				async.multicastEvent(new OrderPlaced());
			}
			assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(this.registry.get("lockfree.events.published").tag("dispatch", "async").functionCounter().count())
				.isEqualTo(3);
			assertThat(async.getStatistics().lanes()).isNotEmpty();
			assertThat(this.registry.find("lockfree.events.lane.capacity").gauges())
				.allSatisfy((gauge) -> assertThat(gauge.value()).isEqualTo(64));
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.registry.get("lockfree.events.invocations").functionCounter().count())
					.isEqualTo(3));
		}
		finally {
			async.destroy();
		}
	}

	@Test
	void countsListenerErrors() {
		this.multicaster.setErrorHandler((ex) -> {
		});
		this.multicaster.addApplicationListener((ApplicationListener<OrderPlaced>) (event) -> {
			throw new IllegalStateException("out of stock");
		});
		bind();
		this.multicaster.multicastEvent(new OrderPlaced());
		this.multicaster.multicastEvent(new OrderPlaced());
		assertThat(this.registry.get("lockfree.events.errors").functionCounter().count()).isEqualTo(2);
	}

	@Test
	void registersOneOverflowCounterPerPolicy() {
		bind();
		assertThat(this.registry.find("lockfree.events.overflow").functionCounters())
			.extracting((counter) -> counter.getId().getTag("policy"))
			.containsExactlyInAnyOrder("block", "caller-runs", "drop", "fail");
		assertThat(this.registry.find("lockfree.events.overflow").functionCounters())
			.allSatisfy((counter) -> assertThat(counter.count()).isZero());
	}

	@Test
	void registersGaugesForEveryConfiguredLane() {
		bind();
		assertThat(this.registry.find("lockfree.events.lane.capacity").gauges())
			.extracting((gauge) -> gauge.getId().getTag("lane"))
			.containsExactlyInAnyOrder("0", "1", "2");
		assertThat(this.registry.get("lockfree.events.lane.capacity").tag("lane", "1").gauge().value())
			.isEqualTo(128);
		assertThat(this.registry.get("lockfree.events.lane.size").tag("lane", "1").gauge().value()).isZero();
		assertThat(this.registry.get("lockfree.events.lane.remaining").tag("lane", "1").gauge().value())
			.isEqualTo(128);
	}

	@Test
	void timersReadTheSampledTimings() {
		this.multicaster.addApplicationListener((ApplicationListener<OrderPlaced>) (event) -> {
		});
		for (int i = 0; i < 100; i++) {
			this.multicaster.multicastEvent(new OrderPlaced());
		}
		bind();
		EventStatistics statistics = this.multicaster.getStatistics();
		FunctionTimer execution = this.registry.get("lockfree.events.listener.execution").functionTimer();
		assertThat((long) execution.count()).isEqualTo(statistics.execution().count());
		// The timer keeps its total in seconds as a double: converting back to nanoseconds may be off by a rounding
		// error (3895.9999999999995 for 3896), never by a whole nanosecond.
		assertThat(execution.totalTime(TimeUnit.NANOSECONDS))
			.isCloseTo(statistics.execution().totalNanos(), within(0.5));
		FunctionTimer ringWait = this.registry.get("lockfree.events.ring.wait").functionTimer();
		assertThat((long) ringWait.count()).isEqualTo(statistics.ringWait().count());
	}

	@Test
	void everyMeterHasADescriptionAndCommonTags() {
		new LockFreeEventsMetrics(this.multicaster.getStatistics(), Tags.of("app", "orders")).bindTo(this.registry);
		assertThat(this.registry.getMeters()).isNotEmpty().allSatisfy((meter) -> {
			Meter.Id id = meter.getId();
			assertThat(id.getName()).startsWith("lockfree.events.");
			assertThat(id.getDescription()).isNotBlank();
			assertThat(id.getTag("app")).isEqualTo("orders");
		});
	}

	private void bind() {
		new LockFreeEventsMetrics(this.multicaster.getStatistics()).bindTo(this.registry);
	}

	static class OrderPlaced extends ApplicationEvent {

		OrderPlaced() {
			super("orders");
		}

	}

}
