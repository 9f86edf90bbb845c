package dev.lockfree.events.invoke;

import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import dev.lockfree.events.invoke.TestEvents.Failure;
import dev.lockfree.events.invoke.TestEvents.GenericEvent;
import dev.lockfree.events.invoke.TestEvents.GenericPayload;
import dev.lockfree.events.invoke.TestEvents.Greeting;
import dev.lockfree.events.invoke.TestEvents.OtherEvent;
import dev.lockfree.events.invoke.TestEvents.Reply;
import dev.lockfree.events.invoke.TestEvents.Request;
import dev.lockfree.events.invoke.TestEvents.TestEvent;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.ApplicationListenerMethodAdapter;
import org.springframework.context.event.EventListener;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential tests: the same {@code @EventListener} beans in a plain Spring context and in a
 * context with a {@link FastEventListenerFactory} must leave the same traces and throw the same
 * exceptions, and the fast path must be taken where it applies.
 */
class FastEventListenerFactoryTests {

	@Test
	void applicationEventsAndPayloadsReachTheSameMethodsWithTheSameArguments() {
		try (DifferentialContexts contexts = DifferentialContexts.of(PlainListeners.class)) {
			contexts.publish(new TestEvent("one"));
			contexts.publish(new OtherEvent("two"));
			contexts.publish("text");
			contexts.publish(42);
			contexts.publish(4.5d);
			List<String> trace = contexts.assertSameTrace();
			assertThat(trace).contains("onTestEvent(TestEvent[one])@" + Thread.currentThread().getName(),
					"onString(String:text)@" + Thread.currentThread().getName(),
					"onNumber(Double:4.5)@" + Thread.currentThread().getName());
			for (String method : List.of("onTestEvent", "onApplicationEvent", "onString", "onInteger", "onNumber",
					"onAnything", "onPayloadEvent", "onEitherEventWithoutArgument", "onStringOrInteger")) {
				assertThat(contexts.fastAdapter(method).isFastPathUsed()).as(method).isTrue();
			}
		}
	}

	@Test
	void genericEventsAndGenericPayloadsMatchAsInSpring() {
		try (DifferentialContexts contexts = DifferentialContexts.of(GenericListeners.class)) {
			contexts.publish(new GenericEvent<>("source", "text"));
			contexts.publish(new GenericEvent<>("source", 42));
			contexts.publish(new GenericPayload<>("text"));
			contexts.publish(new GenericPayload<>(42));
			contexts.publish(List.of("a", "b"));
			List<String> trace = contexts.assertSameTrace();
			assertThat(trace).hasSize(2);
			assertThat(trace.get(0)).startsWith("onStringGenericEvent(GenericEvent[source])");
			assertThat(contexts.fastAdapter("onStringGenericEvent").isFastPathUsed()).isTrue();
		}
	}

	@Test
	void payloadsPublishedWithATypeHintAreResolvedAsInSpring() {
		try (DifferentialContexts contexts = DifferentialContexts.of(PlainListeners.class)) {
			List<PayloadApplicationEvent<Object>> events = List.of(
					new PayloadApplicationEvent<>(this, "hinted", ResolvableType.forClass(CharSequence.class)),
					new PayloadApplicationEvent<>(this, "hinted", ResolvableType.forClass(Integer.class)),
					new PayloadApplicationEvent<>(this, 12, ResolvableType.forClass(Object.class)));
			for (PayloadApplicationEvent<Object> event : events) {
				contexts.publish(event);
			}
			contexts.assertSameTrace();
			// Called directly, a listener may get an event it does not support: only Spring can tell what happens
			contexts.clearTraces();
			List<String> springOutcomes = callDirectly(contexts.spring, events);
			List<String> fastOutcomes = callDirectly(contexts.fast, events);
			assertThat(fastOutcomes).isEqualTo(springOutcomes).anyMatch((outcome) -> outcome.contains("IllegalStateException"));
			assertThat(contexts.fastTrace()).isEqualTo(contexts.springTrace());
		}
	}

	private static List<String> callDirectly(AnnotationConfigApplicationContext context, List<? extends ApplicationEvent> events) {
		List<String> outcomes = new ArrayList<>();
		for (ApplicationListenerMethodAdapter adapter : DifferentialContexts.methodListeners(context).values()) {
			for (ApplicationEvent event : events) {
				try {
					adapter.onApplicationEvent(event);
					outcomes.add(adapter.getTargetMethod().getName() + " -> ok");
				}
				catch (RuntimeException ex) {
					outcomes.add(adapter.getTargetMethod().getName() + " -> " + ex.getClass().getName() + ": "
							+ ex.getMessage().replaceAll("@[0-9a-f]+", ""));
				}
			}
		}
		return outcomes;
	}

	@Test
	void listenersRunOnTheMulticastersExecutorAsInSpring() {
		try (DifferentialContexts contexts = DifferentialContexts.of(
				(context) -> context.registerBean(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME,
						SimpleApplicationEventMulticaster.class, FastEventListenerFactoryTests::threadPerListenerMulticaster),
				PlainListeners.class)) {
			contexts.publish(new TestEvent("one"));
			contexts.publish("text");
			List<String> trace = contexts.assertSameTrace();
			assertThat(trace).isNotEmpty().allMatch((entry) -> entry.endsWith("@listener-thread"));
			assertThat(contexts.fastAdapter("onString").isFastPathUsed()).isTrue();
		}
	}

	/** Runs each listener on a new thread and waits for it, so that traces stay in order. */
	private static SimpleApplicationEventMulticaster threadPerListenerMulticaster() {
		SimpleApplicationEventMulticaster multicaster = new SimpleApplicationEventMulticaster();
		multicaster.setTaskExecutor((task) -> {
			Thread thread = new Thread(task, "listener-thread");
			thread.start();
			try {
				thread.join(TimeUnit.SECONDS.toMillis(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		return multicaster;
	}

	@Test
	void payloadTypesAreReadableOnTheClassPath() {
		// Without it every payload event would leave the fast path: a Spring upgrade must not do that silently
		assertThat(EventArgumentResolver.canReadPayloadType()).isTrue();
		// Without it the payload path still works, but a third slower: a Spring upgrade must not do that silently
		assertThat(EventArgumentResolver.readsResolvableTypeDirectly()).isTrue();
	}

	@Test
	void orderOnMethodsIsHonoured() {
		try (DifferentialContexts contexts = DifferentialContexts.of(OrderedListeners.class)) {
			contexts.publish(new Greeting("hi"));
			List<String> trace = contexts.assertSameTrace();
			assertThat(trace).extracting((entry) -> entry.substring(0, entry.indexOf('(')))
				.containsExactly("first", "second", "third", "unordered");
			Map<String, ApplicationListenerMethodAdapter> spring = DifferentialContexts.methodListeners(contexts.spring);
			Map<String, ApplicationListenerMethodAdapter> fast = DifferentialContexts.methodListeners(contexts.fast);
			spring.forEach((id, adapter) -> assertThat(fast.get(id).getOrder()).isEqualTo(adapter.getOrder()));
		}
	}

	@Test
	void conditionsSeeTheSameVariablesAndLeaveTheFastPathAlone() {
		try (DifferentialContexts contexts = DifferentialContexts.of(ConditionalListeners.class)) {
			contexts.publish(new TestEvent("yes"));
			contexts.publish(new TestEvent("no"));
			for (String text : List.of("a", "b", "c", "long text")) {
				contexts.publish(text);
			}
			List<String> trace = contexts.assertSameTrace();
			assertThat(trace).extracting((entry) -> entry.substring(0, entry.indexOf('@')))
				.containsExactlyInAnyOrder("onRootEvent(TestEvent[yes])", "onRootArgs(String:a)", "onA0(String:b)",
						"onParameterName(String:c)", "onP0(String:long text)");
			for (String method : List.of("onRootEvent", "onRootArgs", "onP0", "onA0", "onParameterName")) {
				assertThat(contexts.fastAdapter(method).getInvokerKind()).as(method).isNull();
			}
		}
	}

	@Test
	void returnValuesOfEveryKindArePublishedAsInSpring() {
		try (DifferentialContexts contexts = DifferentialContexts.of(ReturningListeners.class)) {
			for (String kind : List.of("object", "event", "array", "collection", "primitive", "null", "mono", "flux",
					"stage")) {
				contexts.publish(new Request(kind));
			}
			List<String> beforeCompletion = contexts.assertSameTrace();
			assertThat(beforeCompletion).noneMatch((entry) -> entry.contains("Reply:Reply[text=stage]"));
			contexts.spring.getBean(ReturningListeners.class).stage.complete(new Reply("stage"));
			contexts.fast.getBean(ReturningListeners.class).stage.complete(new Reply("stage"));
			List<String> trace = contexts.assertSameTrace();
			assertThat(trace).extracting((entry) -> entry.substring(0, entry.indexOf('@'))).contains(
					"onReply(Reply:Reply[text=object])", "onOtherEvent(OtherEvent[event])",
					"onReply(Reply:Reply[text=array-1])", "onReply(Reply:Reply[text=array-2])",
					"onReply(Reply:Reply[text=collection-1])", "onReply(Reply:Reply[text=collection-2])",
					"onInteger(Integer:7)", "onReply(Reply:Reply[text=mono])", "onReply(Reply:Reply[text=flux-1])",
					"onReply(Reply:Reply[text=flux-2])", "onReply(Reply:Reply[text=stage])");
			assertThat(contexts.fastAdapter("onRequest").getInvokerKind()).isNotNull();
			assertThat(contexts.fastAdapter("onRequest").isFastPathUsed()).isTrue();
			assertThat(contexts.fastAdapter("onPrimitiveRequest").isFastPathUsed()).isTrue();
		}
	}

	@Test
	void uncheckedExceptionsReachThePublisherUnchanged() {
		try (DifferentialContexts contexts = DifferentialContexts.of(FailingListeners.class)) {
			RuntimeException[] failures = contexts.publish(new Failure("unchecked"));
			assertThat(failures[0]).isSameAs(contexts.spring.getBean(FailingListeners.class).unchecked);
			assertThat(failures[1]).isSameAs(contexts.fast.getBean(FailingListeners.class).unchecked);
			assertThat(contexts.fastAdapter("onFailure").isFastPathUsed()).isTrue();
		}
	}

	@Test
	void checkedExceptionsAndErrorsAreWrappedAsInSpring() {
		try (DifferentialContexts contexts = DifferentialContexts.of(FailingListeners.class)) {
			RuntimeException[] checked = contexts.publish(new Failure("checked"));
			assertThat(checked[0]).isInstanceOf(UndeclaredThrowableException.class)
				.hasCauseReference(contexts.spring.getBean(FailingListeners.class).checked);
			assertThat(checked[1]).isInstanceOf(UndeclaredThrowableException.class)
				.hasCauseReference(contexts.fast.getBean(FailingListeners.class).checked);
			RuntimeException[] error = contexts.publish(new Failure("error"));
			assertThat(error[1]).isInstanceOf(UndeclaredThrowableException.class)
				.hasCauseInstanceOf(AssertionError.class);
			assertThat(contexts.fastAdapter("onFailure").isFastPathUsed()).isTrue();
		}
	}

	@Test
	void argumentsThatDoNotFitTheParameterFailAsInSpring() {
		try (DifferentialContexts contexts = DifferentialContexts.of(MismatchedListener.class)) {
			RuntimeException[] failures = contexts.publish("not an integer");
			assertThat(failures[0]).isInstanceOf(IllegalStateException.class);
			assertThat(failures[1].getMessage()).contains("argument type mismatch");
		}
	}

	@Test
	void nullBeansAreSkippedAsInSpring() {
		try (DifferentialContexts contexts = DifferentialContexts.of(NullBeanConfiguration.class)) {
			contexts.publish(new Greeting("nobody"));
			assertThat(contexts.springTrace()).isEmpty();
			assertThat(contexts.fastTrace()).isEmpty();
		}
	}

	@Test
	void supportsAsyncExecutionAndListenerIdsAreSpringsOwn() {
		try (DifferentialContexts contexts = DifferentialContexts.of(PlainListeners.class, ConditionalListeners.class,
				ReturningListeners.class, OrderedListeners.class, IdentifiedListener.class)) {
			Map<String, ApplicationListenerMethodAdapter> spring = DifferentialContexts.methodListeners(contexts.spring);
			Map<String, ApplicationListenerMethodAdapter> fast = DifferentialContexts.methodListeners(contexts.fast);
			assertThat(fast.keySet()).isEqualTo(spring.keySet()).contains("custom-id");
			spring.forEach((id, adapter) -> {
				assertThat(fast.get(id)).isInstanceOf(FastApplicationListenerMethodAdapter.class);
				assertThat(fast.get(id).supportsAsyncExecution()).isEqualTo(adapter.supportsAsyncExecution());
				assertThat(fast.get(id).toString()).isEqualTo(adapter.toString());
			});
		}
	}

	@Test
	void listenersExposeTheirMethodAndTargetClass() throws Exception {
		try (DifferentialContexts contexts = DifferentialContexts.of(PlainListeners.class)) {
			MethodEventListener listener = contexts.fastAdapter("onString");
			assertThat(listener.getListenerMethod()).isEqualTo(PlainListeners.class.getDeclaredMethod("onString", String.class));
			assertThat(listener.getListenerTargetClass()).isEqualTo(PlainListeners.class);
		}
	}

	@Test
	void switchedOffFactoryCreatesPlainAdaptersThatBehaveLikeSprings() {
		try (DifferentialContexts contexts = DifferentialContexts.of(new FastEventListenerFactory(false),
				(context) -> {
				}, PlainListeners.class)) {
			contexts.publish(new TestEvent("one"));
			contexts.publish("text");
			contexts.assertSameTrace();
			assertThat(DifferentialContexts.methodListeners(contexts.fast).values()).isNotEmpty()
				.allSatisfy((adapter) -> assertThat(adapter).isExactlyInstanceOf(MethodEventListenerAdapter.class));
		}
	}


	static class PlainListeners {

		private final EventTrace trace;

		PlainListeners(EventTrace trace) {
			this.trace = trace;
		}

		@EventListener
		void onTestEvent(TestEvent event) {
			this.trace.record("onTestEvent", event);
		}

		@EventListener
		void onApplicationEvent(ApplicationEvent event) {
			this.trace.record("onApplicationEvent", event);
		}

		@EventListener
		public void onString(String text) {
			this.trace.record("onString", text);
		}

		@EventListener
		private void onInteger(Integer number) {
			this.trace.record("onInteger", number);
		}

		@EventListener
		protected void onNumber(Number number) {
			this.trace.record("onNumber", number);
		}

		@EventListener
		void onAnything(Object anything) {
			this.trace.record("onAnything", anything);
		}

		@EventListener
		void onPayloadEvent(PayloadApplicationEvent<String> event) {
			this.trace.record("onPayloadEvent", event);
		}

		@EventListener(classes = { TestEvent.class, OtherEvent.class })
		void onEitherEventWithoutArgument() {
			this.trace.record("onEitherEventWithoutArgument");
		}

		@EventListener(classes = { String.class, Integer.class })
		void onStringOrInteger(Object value) {
			this.trace.record("onStringOrInteger", value);
		}

	}


	static class GenericListeners {

		private final EventTrace trace;

		GenericListeners(EventTrace trace) {
			this.trace = trace;
		}

		@EventListener
		void onStringGenericEvent(GenericEvent<String> event) {
			this.trace.record("onStringGenericEvent", event);
		}

		@EventListener
		void onStringGenericPayload(GenericPayload<String> payload) {
			this.trace.record("onStringGenericPayload", payload);
		}

		@EventListener
		void onStringList(List<String> list) {
			this.trace.record("onStringList", list);
		}

	}


	static class OrderedListeners {

		private final EventTrace trace;

		OrderedListeners(EventTrace trace) {
			this.trace = trace;
		}

		@EventListener
		void unordered(Greeting greeting) {
			this.trace.record("unordered", greeting);
		}

		@EventListener
		@Order(3)
		void third(Greeting greeting) {
			this.trace.record("third", greeting);
		}

		@EventListener
		@Order(1)
		void first(Greeting greeting) {
			this.trace.record("first", greeting);
		}

		@EventListener
		@Order(2)
		void second(Greeting greeting) {
			this.trace.record("second", greeting);
		}

	}


	static class ConditionalListeners {

		private final EventTrace trace;

		ConditionalListeners(EventTrace trace) {
			this.trace = trace;
		}

		@EventListener(condition = "#root.event.source == 'yes'")
		void onRootEvent(TestEvent event) {
			this.trace.record("onRootEvent", event);
		}

		@EventListener(condition = "#root.args[0] == 'a'")
		void onRootArgs(String text) {
			this.trace.record("onRootArgs", text);
		}

		@EventListener(condition = "#p0.length() > 3")
		void onP0(String text) {
			this.trace.record("onP0", text);
		}

		@EventListener(condition = "#a0 == 'b'")
		void onA0(String text) {
			this.trace.record("onA0", text);
		}

		@EventListener(condition = "#text == 'c'")
		void onParameterName(String text) {
			this.trace.record("onParameterName", text);
		}

	}


	static class ReturningListeners {

		private final EventTrace trace;

		final CompletableFuture<Reply> stage = new CompletableFuture<>();

		ReturningListeners(EventTrace trace) {
			this.trace = trace;
		}

		@EventListener
		Object onRequest(Request request) {
			this.trace.record("onRequest", request);
			return switch (request.kind()) {
				case "object" -> new Reply("object");
				case "event" -> new OtherEvent("event");
				case "array" -> new Reply[] { new Reply("array-1"), new Reply("array-2") };
				case "collection" -> List.of(new Reply("collection-1"), new Reply("collection-2"));
				case "mono" -> Mono.just(new Reply("mono"));
				case "flux" -> Flux.just(new Reply("flux-1"), new Reply("flux-2"));
				case "stage" -> (CompletionStage<Reply>) this.stage;
				default -> null;
			};
		}

		@EventListener
		int onPrimitiveRequest(Request request) {
			return ("primitive".equals(request.kind()) ? 7 : 0);
		}

		@EventListener
		void onReply(Reply reply) {
			this.trace.record("onReply", reply);
		}

		@EventListener
		void onOtherEvent(OtherEvent event) {
			this.trace.record("onOtherEvent", event);
		}

		@EventListener
		void onInteger(Integer number) {
			this.trace.record("onInteger", number);
		}

	}


	static class FailingListeners {

		final IllegalArgumentException unchecked = new IllegalArgumentException("unchecked failure");

		final IOException checked = new IOException("checked failure");

		@EventListener
		void onFailure(Failure failure) throws IOException {
			switch (failure.kind()) {
				case "unchecked" -> throw this.unchecked;
				case "checked" -> throw this.checked;
				case "error" -> throw new AssertionError("error failure");
				default -> {
				}
			}
		}

	}


	static class MismatchedListener {

		@EventListener(classes = String.class)
		void onMismatch(Integer value) {
		}

	}


	static class IdentifiedListener {

		@EventListener(id = "custom-id")
		void onGreeting(Greeting greeting) {
		}

	}


	static class NullBeanConfiguration {

		@org.springframework.context.annotation.Bean
		NullableListener nullableListener() {
			return null;
		}

	}


	static class NullableListener {

		@EventListener
		void onGreeting(Greeting greeting) {
			throw new IllegalStateException("never invoked on a null bean");
		}

	}

}
