package dev.lockfree.events.invoke;

import java.lang.management.ManagementFactory;
import java.util.List;

import dev.lockfree.events.invoke.TestEvents.Failure;
import dev.lockfree.events.invoke.TestEvents.Greeting;
import dev.lockfree.events.invoke.TestEvents.Request;
import dev.lockfree.events.invoke.TestEvents.TestEvent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.ApplicationListenerMethodAdapter;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Tests for {@link FastApplicationListenerMethodAdapter} beyond the differential scenarios:
 * allocation, closing contexts, the method-handle invoker, adapters created without a context.
 */
class FastApplicationListenerMethodAdapterTests {

	@Test
	void fastPathAllocatesNothingPerEvent() {
		com.sun.management.ThreadMXBean threads = threadMXBean();
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.registerBean(FastEventListenerFactory.class);
			context.registerBean(CountingListener.class);
			context.refresh();
			FastApplicationListenerMethodAdapter payloadListener = adapter(context, "onGreeting");
			FastApplicationListenerMethodAdapter eventListener = adapter(context, "onTestEvent");
			PayloadApplicationEvent<Greeting> payloadEvent = new PayloadApplicationEvent<>(context, new Greeting("hi"));
			TestEvent event = new TestEvent("source");
			int calls = 200_000;
			for (int i = 0; i < calls; i++) {
				payloadListener.onApplicationEvent(payloadEvent);
				eventListener.onApplicationEvent(event);
			}
			long threadId = Thread.currentThread().getId();
			long before = threads.getThreadAllocatedBytes(threadId);
			for (int i = 0; i < calls; i++) {
				payloadListener.onApplicationEvent(payloadEvent);
				eventListener.onApplicationEvent(event);
			}
			long allocated = threads.getThreadAllocatedBytes(threadId) - before;
			assertThat(context.getBean(CountingListener.class).count).isEqualTo(4L * calls);
			assertThat(payloadListener.isFastPathUsed()).isTrue();
			assertThat(eventListener.isFastPathUsed()).isTrue();
			// a few hundred bytes of noise (the measurement itself) at most, for 400,000 calls
			assertThat(allocated).isLessThan(4_096);
		}
	}

	@Test
	void listenersBehaveAsSpringsWhileAndAfterTheContextCloses() {
		try (DifferentialContexts contexts = DifferentialContexts.of(ClosingPublisher.class, DestroyedListener.class)) {
			contexts.publish(new Greeting("while open"));
			EventTrace springTrace = contexts.spring.getBean(EventTrace.class);
			EventTrace fastTrace = contexts.fast.getBean(EventTrace.class);
			FastApplicationListenerMethodAdapter fastAdapter = contexts.fastAdapter("onGreeting");
			assertThat(fastAdapter.isFastPathUsed()).isTrue();
			ApplicationListenerMethodAdapter springAdapter = DifferentialContexts.methodListeners(contexts.spring)
				.values()
				.iterator()
				.next();
			contexts.close();
			// Spring tolerates late lookups while singletons are destroyed: the listener still runs
			assertThat(springTrace.entries()).endsWith("closing@" + thread(),
					"DestroyedListener.onGreeting(Greeting:Greeting[text=while closing])@" + thread());
			assertThat(fastTrace.entries()).isEqualTo(springTrace.entries());
			// once closed, looking the bean up fails
			PayloadApplicationEvent<Greeting> late = new PayloadApplicationEvent<>(this, new Greeting("late"));
			assertThatIllegalStateException().isThrownBy(() -> springAdapter.onApplicationEvent(late))
				.withMessageEndingWith("has been closed already");
			assertThatIllegalStateException().isThrownBy(() -> fastAdapter.onApplicationEvent(late))
				.withMessageEndingWith("has been closed already");
			assertThat(fastTrace.entries()).isEqualTo(springTrace.entries());
		}
	}

	@Test
	void methodHandleInvokersBehaveLikeSpring() {
		try (DifferentialContexts contexts = DifferentialContexts.of(new FastEventListenerFactory(true, false),
				DifferentialContexts.NO_FACTORY_CUSTOMIZATION, FastEventListenerFactoryTests.PlainListeners.class,
				FastEventListenerFactoryTests.ReturningListeners.class, FastEventListenerFactoryTests.FailingListeners.class,
				PublicListener.class)) {
			contexts.publish(new TestEvent("one"));
			contexts.publish("text");
			contexts.publish(42);
			contexts.publish(new Greeting("hello"));
			for (String kind : List.of("object", "array", "primitive", "mono")) {
				contexts.publish(new Request(kind));
			}
			for (String kind : List.of("unchecked", "checked", "error")) {
				assertThat(contexts.publish(new Failure(kind))).doesNotContainNull();
			}
			contexts.assertSameTrace();
			for (String method : List.of("onString", "onEitherEventWithoutArgument", "onRequest", "privateMethod",
					"onFailure")) {
				assertThat(contexts.fastAdapter(method).getInvokerKind()).isEqualTo(EventMethodInvoker.Kind.METHOD_HANDLE);
				assertThat(contexts.fastAdapter(method).isFastPathUsed()).isTrue();
			}
		}
	}

	@Test
	void adapterWithoutContextNeverTakesTheFastPath() throws Exception {
		FastApplicationListenerMethodAdapter adapter = new FastApplicationListenerMethodAdapter("listener",
				CountingListener.class, CountingListener.class.getDeclaredMethod("onGreeting", Greeting.class));
		assertThat(adapter.getInvokerKind()).isNull();
		assertThat(adapter.getListenerMethod().getName()).isEqualTo("onGreeting");
	}

	private static FastApplicationListenerMethodAdapter adapter(AnnotationConfigApplicationContext context, String name) {
		return context.getApplicationListeners()
			.stream()
			.filter((listener) -> listener instanceof FastApplicationListenerMethodAdapter adapter &&
					adapter.getListenerMethod().getName().equals(name))
			.map(FastApplicationListenerMethodAdapter.class::cast)
			.findFirst()
			.orElseThrow();
	}

	private static String thread() {
		return Thread.currentThread().getName();
	}

	private static com.sun.management.ThreadMXBean threadMXBean() {
		java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		assumeThat(threads).isInstanceOf(com.sun.management.ThreadMXBean.class);
		com.sun.management.ThreadMXBean allocationCounting = (com.sun.management.ThreadMXBean) threads;
		assumeThat(allocationCounting.isThreadAllocatedMemorySupported()).isTrue();
		allocationCounting.setThreadAllocatedMemoryEnabled(true);
		return allocationCounting;
	}


	static class CountingListener {

		long count;

		@EventListener
		void onGreeting(Greeting greeting) {
			this.count++;
		}

		@EventListener
		void onTestEvent(TestEvent event) {
			this.count++;
		}

		@EventListener(classes = { Greeting.class, TestEvent.class })
		void onEither() {
			this.count++;
		}

	}


	/** Registered first, so destroyed last: publishes after the listener bean is gone. */
	static class ClosingPublisher implements DisposableBean {

		private final ApplicationEventPublisher publisher;

		private final EventTrace trace;

		ClosingPublisher(ApplicationEventPublisher publisher, EventTrace trace) {
			this.publisher = publisher;
			this.trace = trace;
		}

		@Override
		public void destroy() {
			this.trace.record("closing");
			this.publisher.publishEvent(new Greeting("while closing"));
		}

	}


	static class DestroyedListener implements DisposableBean {

		private final EventTrace trace;

		DestroyedListener(EventTrace trace) {
			this.trace = trace;
		}

		@EventListener
		void onGreeting(Greeting greeting) {
			this.trace.record("DestroyedListener.onGreeting", greeting);
		}

		@Override
		public void destroy() {
			this.trace.record("destroyed");
		}

	}

}
