package dev.lockfree.events.parity;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.annotation.Order;

import dev.lockfree.events.parity.ParityEvents.TestEvent;
import dev.lockfree.events.parity.ParityListeners.OnTestEvent;

import static dev.lockfree.events.parity.ParityHarness.assertParity;
import static dev.lockfree.events.parity.ParityRun.multicaster;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity of invocation order (item 9 of {@code spring-semantics.md}): {@code PriorityOrdered}, then
 * {@code Ordered} and {@code @Order} by value, unordered last, ties in insertion order.
 */
class OrderingParityTests {

	@Test
	void instanceListenersAreSortedByPriorityThenOrderWithTiesInInsertionOrder() {
		List<String> trace = assertParity((run) -> {
			ApplicationEventMulticaster multicaster = multicaster(run.context());
			Trace t = run.trace();
			multicaster.addApplicationListener(new OnTestEvent("unordered1", t));
			multicaster.addApplicationListener(new AnnotatedFive("annotated5a", t));
			multicaster.addApplicationListener(new OrderedListener("ordered5", t, 5));
			multicaster.addApplicationListener(new PriorityListener("priority10", t, 10));
			multicaster.addApplicationListener(new OrderedListener("orderedMinus1", t, -1));
			multicaster.addApplicationListener(new OnTestEvent("unordered2", t));
			multicaster.addApplicationListener(new AnnotatedFive("annotated5b", t));
			multicaster.addApplicationListener(new PriorityListener("priority1", t, 1));
			multicaster.addApplicationListener(new OrderedListener("lowest", t, Ordered.LOWEST_PRECEDENCE));
			multicaster.multicastEvent(new TestEvent("a"));
		});
		assertThat(trace).containsExactly(
				"priority1 <- TestEvent(a) #1 @publisher",
				"priority10 <- TestEvent(a) #1 @publisher",
				"orderedMinus1 <- TestEvent(a) #1 @publisher",
				"annotated5a <- TestEvent(a) #1 @publisher",
				"ordered5 <- TestEvent(a) #1 @publisher",
				"annotated5b <- TestEvent(a) #1 @publisher",
				"unordered1 <- TestEvent(a) #1 @publisher",
				"unordered2 <- TestEvent(a) #1 @publisher",
				"lowest <- TestEvent(a) #1 @publisher");
	}

	@Test
	void beanAndInstanceListenersAreSortedTogether() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.prepare(LateBean.class, EarlyBean.class,
					UnorderedBean.class);
			Trace t = run.trace();
			context.addApplicationListener(new OnTestEvent("staticUnordered", t));
			context.addApplicationListener(new OrderedListener("static3", t, 3));
			context.refresh();
			context.addApplicationListener(new OrderedListener("late3", t, 3));
			context.publishEvent(new TestEvent("a"));
		});
		assertThat(trace).containsExactly(
				"earlyBean <- TestEvent(a) #1 @publisher",
				"static3 <- TestEvent(a) #1 @publisher",
				"late3 <- TestEvent(a) #1 @publisher",
				"lateBean <- TestEvent(a) #1 @publisher",
				"staticUnordered <- TestEvent(a) #1 @publisher",
				"unorderedBean <- TestEvent(a) #1 @publisher");
	}

	@Test
	void eventListenerMethodsAreOrderedByTheirMethodAnnotation() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(MethodListeners.class, EarlyBean.class);
			context.addApplicationListener(new OrderedListener("ordered15", run.trace(), 15));
			context.publishEvent(new TestEvent("a"));
		});
		assertThat(trace).containsExactly(
				"method(order 1) <- TestEvent(a) #1 @publisher",
				"earlyBean <- TestEvent(a) #1 @publisher",
				"ordered15 <- TestEvent(a) #1 @publisher",
				"method(order 20) <- TestEvent(a) #1 @publisher",
				"method(unordered) <- TestEvent(a) #1 @publisher");
	}

	/** Ordered through {@code @Order(5)}. */
	@Order(5)
	static class AnnotatedFive extends OnTestEvent {

		AnnotatedFive(String name, Trace trace) {
			super(name, trace);
		}

	}

	/** Ordered through {@link Ordered}. */
	static class OrderedListener extends OnTestEvent implements Ordered {

		private final int order;

		OrderedListener(String name, Trace trace, int order) {
			super(name, trace);
			this.order = order;
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

	/** Ordered through {@link PriorityOrdered}. */
	static class PriorityListener extends OrderedListener implements PriorityOrdered {

		PriorityListener(String name, Trace trace, int order) {
			super(name, trace, order);
		}

	}

	/** A listener bean ordered {@code @Order(2)}. */
	@Order(2)
	static class EarlyBean extends RecordingListener<TestEvent> {

		EarlyBean(Trace trace) {
			super("earlyBean", trace);
		}

	}

	/** A listener bean ordered {@code @Order(7)}. */
	@Order(7)
	static class LateBean extends RecordingListener<TestEvent> {

		LateBean(Trace trace) {
			super("lateBean", trace);
		}

	}

	/** An unordered listener bean. */
	static class UnorderedBean extends RecordingListener<TestEvent> {

		UnorderedBean(Trace trace) {
			super("unorderedBean", trace);
		}

	}

	/** {@code @EventListener} methods with and without {@code @Order}. */
	static class MethodListeners {

		private final Trace trace;

		MethodListeners(Trace trace) {
			this.trace = trace;
		}

		@EventListener
		void unordered(TestEvent event) {
			this.trace.received("method(unordered)", event);
		}

		@EventListener
		@Order(20)
		void twenty(TestEvent event) {
			this.trace.received("method(order 20)", event);
		}

		@EventListener
		@Order(1)
		void one(TestEvent event) {
			this.trace.received("method(order 1)", event);
		}

	}

}
