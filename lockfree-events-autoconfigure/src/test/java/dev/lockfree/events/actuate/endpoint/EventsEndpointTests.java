package dev.lockfree.events.actuate.endpoint;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

import dev.lockfree.events.DispatchMode;
import dev.lockfree.events.LockFreeApplicationEventMulticaster;
import dev.lockfree.events.LockFreeEventOptions;
import dev.lockfree.events.OverflowPolicy;
import dev.lockfree.events.actuate.endpoint.EventsEndpoint.EventTypeDescriptor;
import dev.lockfree.events.actuate.endpoint.EventsEndpoint.EventsDescriptor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EventsEndpoint}.
 */
class EventsEndpointTests {

	private final LockFreeApplicationEventMulticaster multicaster = new LockFreeApplicationEventMulticaster(null,
			LockFreeEventOptions.builder()
				.capacity(256)
				.overflowPolicy(OverflowPolicy.CALLER_RUNS)
				.asyncExclude(List.of("com.acme.audit.*"))
				.build());

	private final EventsEndpoint endpoint = new EventsEndpoint(this.multicaster.getStatistics());

	@AfterEach
	void destroyMulticaster() throws Exception {
		this.multicaster.destroy();
	}

	@Test
	void describesTheEffectiveConfiguration() {
		EventsDescriptor events = this.endpoint.events();
		assertThat(events.mode()).isEqualTo("sync");
		assertThat(events.options().capacity()).isEqualTo(256);
		assertThat(events.options().overflow()).isEqualTo("caller-runs");
		assertThat(events.options().waitStrategy()).isEqualTo("park");
		assertThat(events.options().asyncExclude()).containsExactly("com.acme.audit.*");
		assertThat(events.options().shutdownTimeout()).isEqualTo("30s");
		assertThat(events.options().lanes()).isEqualTo(LockFreeEventOptions.DEFAULT_LANES);
	}

	@Test
	void formatsDurationsInTheirLargestExactUnit() {
		assertThat(EventsEndpoint.format(Duration.ofSeconds(30))).isEqualTo("30s");
		assertThat(EventsEndpoint.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
		assertThat(EventsEndpoint.format(Duration.ofMinutes(2))).isEqualTo("2m");
		assertThat(EventsEndpoint.format(Duration.ZERO)).isEqualTo("0s");
	}

	@Test
	void describesTotalsEventTypesAndListeners() {
		this.multicaster.setErrorHandler((ex) -> {
		});
		this.multicaster.addApplicationListener(new OrderListener());
		this.multicaster.addApplicationListener((ApplicationListener<OrderPlaced>) (event) -> {
			throw new IllegalStateException("out of stock");
		});
		this.multicaster.multicastEvent(new OrderPlaced());
		this.multicaster.multicastEvent(new OrderPlaced());
		EventsDescriptor events = this.endpoint.events();
		assertThat(events.totals().published()).isEqualTo(2);
		assertThat(events.totals().publishedSync()).isEqualTo(2);
		assertThat(events.totals().publishedAsync()).isZero();
		assertThat(events.totals().invocations()).isEqualTo(4);
		assertThat(events.totals().errors()).isEqualTo(2);
		assertThat(events.totals().errorsByException()).containsEntry(IllegalStateException.class.getName(), 2L);
		assertThat(events.totals().overflow()).containsOnlyKeys("block", "caller-runs", "drop", "fail");
		assertThat(events.totals().abandoned()).isZero();
		assertThat(events.eventTypes()).singleElement().satisfies((type) -> {
			assertThat(type.eventType()).isEqualTo(OrderPlaced.class.getName());
			assertThat(type.published()).isEqualTo(2);
			assertThat(type.listenerIds()).hasSize(2);
		});
		assertThat(events.listeners()).hasSize(2).allSatisfy((listener) -> {
			assertThat(listener.dispatch()).isEqualTo("sync");
			assertThat(listener.invocations()).isEqualTo(2);
			assertThat(listener.beanName()).isNull();
		});
		assertThat(events.listeners()).extracting(EventsEndpoint.ListenerDescriptor::errors)
			.containsExactlyInAnyOrder(0L, 2L);
		assertThat(events.listeners()).extracting(EventsEndpoint.ListenerDescriptor::id)
			.containsExactlyInAnyOrderElementsOf(events.eventTypes().get(0).listenerIds());
	}

	@Test
	void describesOneEventTypeBySelector() {
		this.multicaster.addApplicationListener(new OrderListener());
		this.multicaster.multicastEvent(new OrderPlaced());
		EventTypeDescriptor type = this.endpoint.eventType(OrderPlaced.class.getName());
		assertThat(type).isNotNull();
		assertThat(type.published()).isEqualTo(1);
		assertThat(type.listenerIds()).hasSize(1);
	}

	@Test
	void unknownEventTypeIsNull() {
		assertThat(this.endpoint.eventType("com.acme.NeverPublished")).isNull();
	}

	@Test
	void describesAsyncMode() {
		LockFreeApplicationEventMulticaster async = new LockFreeApplicationEventMulticaster(null,
				LockFreeEventOptions.builder().mode(DispatchMode.ASYNC).build());
		try {
			assertThat(new EventsEndpoint(async.getStatistics()).events().mode()).isEqualTo("async");
		}
		finally {
			destroy(async);
		}
	}

	private static void destroy(LockFreeApplicationEventMulticaster multicaster) {
		try {
			multicaster.destroy();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static class OrderPlaced extends ApplicationEvent {

		OrderPlaced() {
			super("orders");
		}

	}

	static class OrderListener implements ApplicationListener<OrderPlaced> {

		@Override
		public void onApplicationEvent(OrderPlaced event) {
		}

	}

}
