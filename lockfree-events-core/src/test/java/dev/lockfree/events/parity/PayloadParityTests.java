package dev.lockfree.events.parity;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.EventListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;

import dev.lockfree.events.parity.ParityEvents.Box;
import dev.lockfree.events.parity.ParityEvents.IntegerBox;
import dev.lockfree.events.parity.ParityEvents.OtherEvent;
import dev.lockfree.events.parity.ParityEvents.StringBox;
import dev.lockfree.events.parity.ParityEvents.TestEvent;
import dev.lockfree.events.parity.ParityEvents.TypedBox;
import dev.lockfree.events.parity.ParityListeners.OnTestEvent;

import static dev.lockfree.events.parity.ParityHarness.assertParity;
import static dev.lockfree.events.parity.ParityRun.multicaster;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity of payload events (item 8) and of {@code @EventListener} methods: conditions, return values that are
 * published again, and re-entrant publishing (item 14) of {@code spring-semantics.md}.
 */
class PayloadParityTests {

	@Test
	void nonEventObjectsArriveAsPayloadEventsForEveryKindOfPayloadListener() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(PayloadMethods.class);
			Trace t = run.trace();
			multicaster(context).addApplicationListener(new OnStringPayload("stringPayloadClass", t));
			ApplicationListener<PayloadApplicationEvent<String>> forPayload = ApplicationListener
				.forPayload((String text) -> t.received("forPayload", text));
			context.addApplicationListener(forPayload);
			context.publishEvent("text");
			context.publishEvent(42);
			context.publishEvent(new TestEvent("event"));
		});
		assertThat(trace).containsExactly(
				"method(String) <- text #1 @publisher",
				"method(PayloadApplicationEvent<String>) <- Payload(text) #1 @publisher",
				"stringPayloadClass <- Payload(text) #1 @publisher",
				"forPayload <- text #1 @publisher",
				"method(Integer) <- 42 #1 @publisher",
				"method(TestEvent) <- TestEvent(event) #1 @publisher");
	}

	@Test
	void eventListenerMethodsMatchGenericPayloads() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(BoxMethods.class);
			context.publishEvent(new StringBox("s"));
			context.publishEvent(new IntegerBox(1));
			context.publishEvent(new TypedBox<>(Integer.class, 2));
			context.publishEvent(new Box<>("untyped"));
		});
		assertThat(trace).containsExactly(
				"box(String) <- StringBox(s) #1 @publisher",
				"box(any) <- StringBox(s) #1 @publisher",
				"box(Integer) <- IntegerBox(1) #1 @publisher",
				"box(any) <- IntegerBox(1) #2 @publisher",
				"box(Integer) <- TypedBox(2) #2 @publisher",
				"box(any) <- TypedBox(2) #3 @publisher",
				"box(any) <- Box(untyped) #4 @publisher");
	}

	@Test
	void payloadEventsWithAnExplicitPayloadTypeReachListenersOfThatGeneric() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(ListMethods.class);
			ApplicationEventMulticaster multicaster = multicaster(context);
			multicaster.multicastEvent(new PayloadApplicationEvent<>(context, List.of("a"),
					ResolvableType.forClassWithGenerics(List.class, String.class)));
			multicaster.multicastEvent(new PayloadApplicationEvent<>(context, List.of(1),
					ResolvableType.forClassWithGenerics(List.class, Integer.class)));
			multicaster.multicastEvent(new PayloadApplicationEvent<>(context, List.of("b")));
		});
		assertThat(trace).containsExactly("list(String) <- [a] #1 @publisher",
				"list(Integer) <- [1] #1 @publisher");
	}

	@Test
	void eventListenerClassesAttributeSelectsEventsForAParameterlessMethod() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(ClassesAttributeMethods.class);
			context.publishEvent(new TestEvent("a"));
			context.publishEvent(new OtherEvent("b"));
			context.publishEvent("text");
			context.publishEvent(7L);
		});
		assertThat(trace).containsExactly(
				"testOrOther <- no argument #1 @publisher",
				"testOrOther <- no argument #2 @publisher",
				"stringPayload <- no argument #1 @publisher");
	}

	@Test
	void eventListenerConditionIsEvaluatedForEveryEvent() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(ConditionalMethods.class);
			context.publishEvent("accept");
			context.publishEvent("reject");
			context.publishEvent(new TestEvent("accept-me"));
			context.publishEvent(new TestEvent("no"));
			context.publishEvent("accept");
		});
		assertThat(trace).containsExactly(
				"conditionalPayload <- accept #1 @publisher",
				"conditionalEvent <- TestEvent(accept-me) #1 @publisher",
				"conditionalPayload <- accept #2 @publisher");
	}

	@Test
	void returnValuesOfEventListenerMethodsArePublishedAgain() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(ReturningMethods.class, Sink.class);
			context.publishEvent(new TestEvent("single"));
			context.publishEvent(new TestEvent("array"));
			context.publishEvent(new TestEvent("collection"));
			context.publishEvent(new TestEvent("future"));
			context.publishEvent(new TestEvent("mono"));
			context.publishEvent(new TestEvent("flux"));
			context.publishEvent(new TestEvent("null"));
		});
		assertThat(trace).containsExactly(
				"returning <- TestEvent(single) #1 @publisher",
				"sink <- OtherEvent(from-single) #1 @publisher",
				"returning <- TestEvent(array) #2 @publisher",
				"sink <- Payload(array-1) #2 @publisher",
				"sink <- Payload(array-2) #3 @publisher",
				"returning <- TestEvent(collection) #3 @publisher",
				"sink <- Payload(collection-1) #4 @publisher",
				"sink <- OtherEvent(collection-2) #5 @publisher",
				"returning <- TestEvent(future) #4 @publisher",
				"sink <- Payload(future-done) #6 @publisher",
				"returning <- TestEvent(mono) #5 @publisher",
				"sink <- Payload(mono-value) #7 @publisher",
				"returning <- TestEvent(flux) #6 @publisher",
				"sink <- Payload(flux-1) #8 @publisher",
				"sink <- Payload(flux-2) #9 @publisher",
				"returning <- TestEvent(null) #7 @publisher");
	}

	@Test
	void listenersMayPublishFromInsideAListener() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(ReentrantPublisher.class);
			context.addApplicationListener(new OnTestEvent("second", run.trace()));
			context.publishEvent(new TestEvent("outer"));
		});
		assertThat(trace).containsExactly(
				"reentrant <- TestEvent(outer) #1 @publisher",
				"reentrant <- TestEvent(inner-1) #2 @publisher",
				"reentrant <- TestEvent(inner-2) #3 @publisher",
				"second <- TestEvent(inner-2) #1 @publisher",
				"second <- TestEvent(inner-1) #2 @publisher",
				"second <- TestEvent(outer) #3 @publisher");
	}

	/** Declares {@code PayloadApplicationEvent<String>} on its class. */
	static class OnStringPayload extends RecordingListener<PayloadApplicationEvent<String>> {

		OnStringPayload(String name, Trace trace) {
			super(name, trace);
		}

	}

	/** {@code @EventListener} methods taking payloads and events. */
	static class PayloadMethods {

		private final Trace trace;

		PayloadMethods(Trace trace) {
			this.trace = trace;
		}

		@EventListener
		@Order(1)
		void onString(String payload) {
			this.trace.received("method(String)", payload);
		}

		@EventListener
		@Order(2)
		void onStringEvent(PayloadApplicationEvent<String> event) {
			this.trace.received("method(PayloadApplicationEvent<String>)", event);
		}

		@EventListener
		@Order(3)
		void onInteger(Integer payload) {
			this.trace.received("method(Integer)", payload);
		}

		@EventListener
		@Order(4)
		void onTestEvent(TestEvent event) {
			this.trace.received("method(TestEvent)", event);
		}

	}

	/** {@code @EventListener} methods taking generic payloads. */
	static class BoxMethods {

		private final Trace trace;

		BoxMethods(Trace trace) {
			this.trace = trace;
		}

		@EventListener
		@Order(1)
		void onStringBox(Box<String> box) {
			this.trace.received("box(String)", box);
		}

		@EventListener
		@Order(2)
		void onIntegerBox(Box<Integer> box) {
			this.trace.received("box(Integer)", box);
		}

		@EventListener
		@Order(3)
		void onAnyBox(Box<?> box) {
			this.trace.received("box(any)", box);
		}

	}

	/** {@code @EventListener} methods taking lists of a given element type. */
	static class ListMethods {

		private final Trace trace;

		ListMethods(Trace trace) {
			this.trace = trace;
		}

		@EventListener
		@Order(1)
		void onStrings(List<String> strings) {
			this.trace.received("list(String)", strings);
		}

		@EventListener
		@Order(2)
		void onIntegers(List<Integer> integers) {
			this.trace.received("list(Integer)", integers);
		}

	}

	/** {@code @EventListener} methods that name their event types in {@code classes}. */
	static class ClassesAttributeMethods {

		private final Trace trace;

		ClassesAttributeMethods(Trace trace) {
			this.trace = trace;
		}

		@EventListener(classes = { TestEvent.class, OtherEvent.class })
		void testOrOther() {
			this.trace.received("testOrOther", "no argument");
		}

		@EventListener(String.class)
		void stringPayload() {
			this.trace.received("stringPayload", "no argument");
		}

	}

	/** {@code @EventListener} methods with SpEL conditions. */
	static class ConditionalMethods {

		private final Trace trace;

		ConditionalMethods(Trace trace) {
			this.trace = trace;
		}

		@EventListener(condition = "#root.args[0] == 'accept'")
		void conditionalPayload(String payload) {
			this.trace.received("conditionalPayload", payload);
		}

		@EventListener(condition = "#event.toString().startsWith('TestEvent(accept')")
		void conditionalEvent(TestEvent event) {
			this.trace.received("conditionalEvent", event);
		}

	}

	/** An {@code @EventListener} method whose return value depends on the event. */
	static class ReturningMethods {

		private final Trace trace;

		ReturningMethods(Trace trace) {
			this.trace = trace;
		}

		@EventListener
		Object onTestEvent(TestEvent event) {
			this.trace.received("returning", event);
			return switch (event.name()) {
				case "single" -> new OtherEvent("from-single");
				case "array" -> new String[] { "array-1", "array-2" };
				case "collection" -> List.of("collection-1", new OtherEvent("collection-2"));
				case "future" -> CompletableFuture.completedFuture("future-done");
				case "mono" -> Mono.just("mono-value");
				case "flux" -> Flux.just("flux-1", "flux-2");
				default -> null;
			};
		}

	}

	/** Records what {@link ReturningMethods} published: other events and string payloads. */
	static class Sink {

		private final Trace trace;

		Sink(Trace trace) {
			this.trace = trace;
		}

		@EventListener
		void onOther(OtherEvent event) {
			this.trace.received("sink", event);
		}

		@EventListener
		void onString(PayloadApplicationEvent<String> event) {
			this.trace.received("sink", event);
		}

	}

	/** Publishes two nested events from inside its listener method. */
	static class ReentrantPublisher {

		private final Trace trace;

		private final ApplicationEventPublisher publisher;

		ReentrantPublisher(Trace trace, ApplicationEventPublisher publisher) {
			this.trace = trace;
			this.publisher = publisher;
		}

		@EventListener
		void on(TestEvent event) {
			this.trace.received("reentrant", event);
			if (event.name().equals("outer")) {
				this.publisher.publishEvent(new TestEvent("inner-1"));
			}
			else if (event.name().equals("inner-1")) {
				this.publisher.publishEvent(new TestEvent("inner-2"));
			}
		}

	}

}
