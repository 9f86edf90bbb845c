package dev.lockfree.events.parity;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.ApplicationContextEvent;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.util.ErrorHandler;

import dev.lockfree.events.parity.ParityEvents.OtherEvent;
import dev.lockfree.events.parity.ParityEvents.TestEvent;
import dev.lockfree.events.parity.ParityListeners.OnOtherEvent;
import dev.lockfree.events.parity.ParityListeners.OnTestEvent;

import static dev.lockfree.events.parity.ParityHarness.assertParity;
import static dev.lockfree.events.parity.ParityRun.multicaster;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity of listener failures: with and without an {@code ErrorHandler} (item 12) and the tolerated
 * {@code ClassCastException} of lambda listeners (item 13) of {@code spring-semantics.md}.
 */
class ErrorHandlingParityTests {

	@Test
	void withoutErrorHandlerTheFirstExceptionReachesThePublisherUnchangedAndStopsTheMulticast() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context();
			Trace t = run.trace();
			ApplicationEventMulticaster multicaster = multicaster(context);
			multicaster.addApplicationListener(new OnTestEvent("first", t));
			multicaster.addApplicationListener(new ThrowingListener("second", t,
					() -> new IllegalStateException("boom")));
			multicaster.addApplicationListener(new ThrowingListener("third", t,
					() -> new IllegalArgumentException("bang")));
			multicaster.addApplicationListener(new OnTestEvent("fourth", t));
			t.publish(() -> context.publishEvent(new TestEvent("via-context")));
			t.publish(() -> multicaster.multicastEvent(new TestEvent("via-multicaster")));
		});
		assertThat(trace).containsExactly(
				"first <- TestEvent(via-context) #1 @publisher",
				"second <- TestEvent(via-context) #1 @publisher",
				"second throws java.lang.IllegalStateException: boom",
				"publisher caught java.lang.IllegalStateException: boom (as thrown by second)",
				"first <- TestEvent(via-multicaster) #2 @publisher",
				"second <- TestEvent(via-multicaster) #2 @publisher",
				"second throws java.lang.IllegalStateException: boom",
				"publisher caught java.lang.IllegalStateException: boom (as thrown by second)");
	}

	@Test
	void withErrorHandlerEveryListenerRunsAndTheHandlerSeesEachFailure() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.contextWithErrorHandler();
			Trace t = run.trace();
			ApplicationEventMulticaster multicaster = multicaster(context);
			multicaster.addApplicationListener(new OnTestEvent("first", t));
			multicaster.addApplicationListener(new ThrowingListener("second", t,
					() -> new IllegalStateException("boom")));
			multicaster.addApplicationListener(new ThrowingListener("third", t,
					() -> new AssertionError("error")));
			multicaster.addApplicationListener(new OnTestEvent("fourth", t));
			t.publish(() -> context.publishEvent(new TestEvent("a")));
		});
		assertThat(trace).containsExactly(
				"first <- TestEvent(a) #1 @publisher",
				"second <- TestEvent(a) #1 @publisher",
				"second throws java.lang.IllegalStateException: boom",
				"errorHandler caught java.lang.IllegalStateException: boom (as thrown by second)",
				"third <- TestEvent(a) #1 @publisher",
				"third throws java.lang.AssertionError: error",
				"errorHandler caught java.lang.AssertionError: error (as thrown by third)",
				"fourth <- TestEvent(a) #1 @publisher");
	}

	@Test
	void errorHandlerThatRethrowsStopsTheMulticastAndReachesThePublisher() {
		List<String> trace = assertParity((run) -> {
			Trace t = run.trace();
			ErrorHandler rethrowing = (ex) -> {
				t.note("rethrowing handler got " + Trace.describe(ex));
				throw t.threw("rethrowing handler", new IllegalStateException("handler gave up", ex));
			};
			AnnotationConfigApplicationContext context = run.contextWithErrorHandler(rethrowing);
			ApplicationEventMulticaster multicaster = multicaster(context);
			multicaster.addApplicationListener(new ThrowingListener("failing", t,
					() -> new IllegalArgumentException("bad")));
			multicaster.addApplicationListener(new OnTestEvent("after", t));
			t.publish(() -> context.publishEvent(new TestEvent("a")));
		});
		assertThat(trace).containsExactly("failing <- TestEvent(a) #1 @publisher",
				"failing throws java.lang.IllegalArgumentException: bad",
				"rethrowing handler got java.lang.IllegalArgumentException: bad",
				"rethrowing handler throws java.lang.IllegalStateException: handler gave up",
				"publisher caught java.lang.IllegalStateException: handler gave up (as thrown by rethrowing handler)");
	}

	@Test
	void listenerFailingOnContextRefreshFailsTheRefreshWithItsException() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.prepare(RefreshFailingListener.class);
			run.trace().publish(context::refresh);
			run.trace().note("context active after failed refresh: " + context.isActive());
		});
		assertThat(trace).containsExactly("refreshFailing <- ContextRefreshedEvent(context-1) #1 @publisher",
				"refreshFailing throws java.lang.IllegalStateException: refresh rejected",
				"publisher caught java.lang.IllegalStateException: refresh rejected (as thrown by refreshFailing)",
				"context active after failed refresh: false");
	}

	@Test
	void errorFromAListenerReachesThePublisherWithoutErrorHandler() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context();
			Trace t = run.trace();
			multicaster(context).addApplicationListener(new ThrowingListener("failing", t,
					() -> new LinkageError("link")));
			t.publish(() -> context.publishEvent(new TestEvent("a")));
		});
		assertThat(trace).containsExactly("failing <- TestEvent(a) #1 @publisher",
				"failing throws java.lang.LinkageError: link",
				"publisher caught java.lang.LinkageError: link (as thrown by failing)");
	}

	@Test
	void lambdaListenerClassCastOnAnotherEventTypeIsSwallowed() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context();
			Trace t = run.trace();
			ApplicationListener<TestEvent> lambda = (event) -> t.received("lambda", event.name());
			ApplicationListener<PayloadApplicationEvent<String>> payloadLambda = ApplicationListener
				.forPayload((String text) -> t.received("forPayload", text.length()));
			multicaster(context).addApplicationListener(lambda);
			multicaster(context).addApplicationListener(payloadLambda);
			multicaster(context).addApplicationListener(new OnTestEvent("after", t));
			t.publish(() -> context.publishEvent(new TestEvent("matching")));
			t.publish(() -> context.publishEvent(new OtherEvent("other")));
			t.publish(() -> context.publishEvent("text"));
			t.publish(() -> context.publishEvent(42));
		});
		assertThat(trace).containsExactly(
				"lambda <- matching #1 @publisher",
				"after <- TestEvent(matching) #1 @publisher",
				"forPayload <- 4 #1 @publisher");
	}

	@Test
	void classCastSwallowedOnlyWhenItsMessageNamesTheEventOrPayloadClass() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context();
			Trace t = run.trace();
			ApplicationEventMulticaster multicaster = multicaster(context);
			multicaster.addApplicationListener(new ThrowingListener("nullMessage", t, () -> new ClassCastException()));
			multicaster.addApplicationListener(new ThrowingListener("eventClassName", t,
					() -> new ClassCastException(TestEvent.class.getName() + " cannot be cast to Foo")));
			multicaster.addApplicationListener(new ThrowingListener("eventClassToString", t,
					() -> new ClassCastException(TestEvent.class + " cannot be cast to class Foo")));
			multicaster.addApplicationListener(new ThrowingListener("unrelatedClass", t,
					() -> new ClassCastException("class java.lang.Integer cannot be cast to class Foo")));
			multicaster.addApplicationListener(new OnTestEvent("last", t));
			t.publish(() -> context.publishEvent(new TestEvent("a")));
		});
		assertThat(trace).containsExactly(
				"nullMessage <- TestEvent(a) #1 @publisher",
				"nullMessage throws java.lang.ClassCastException: null",
				"eventClassName <- TestEvent(a) #1 @publisher",
				"eventClassName throws java.lang.ClassCastException: "
						+ "dev.lockfree.events.parity.ParityEvents$TestEvent cannot be cast to Foo",
				"eventClassToString <- TestEvent(a) #1 @publisher",
				"eventClassToString throws java.lang.ClassCastException: "
						+ "class dev.lockfree.events.parity.ParityEvents$TestEvent cannot be cast to class Foo",
				"unrelatedClass <- TestEvent(a) #1 @publisher",
				"unrelatedClass throws java.lang.ClassCastException: "
						+ "class java.lang.Integer cannot be cast to class Foo",
				"publisher caught java.lang.ClassCastException: class java.lang.Integer cannot be cast to class Foo"
						+ " (as thrown by unrelatedClass)");
	}

	@Test
	void classCastNamingThePayloadClassWithAModulePrefixIsSwallowedAndOthersGoToTheErrorHandler() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.contextWithErrorHandler();
			Trace t = run.trace();
			ApplicationEventMulticaster multicaster = multicaster(context);
			multicaster.addApplicationListener(new ThrowingListener("modulePrefixedPayload", t,
					() -> new ClassCastException("java.base/java.lang.String cannot be cast to java.lang.Integer")));
			multicaster.addApplicationListener(new ThrowingListener("payloadEventClass", t,
					() -> new ClassCastException(PayloadApplicationEvent.class.getName() + " cannot be cast to X")));
			multicaster.addApplicationListener(new ThrowingListener("unrelatedClass", t,
					() -> new ClassCastException("java.base/java.lang.Long cannot be cast to java.lang.Integer")));
			t.publish(() -> context.publishEvent("text"));
		});
		assertThat(trace).containsExactly(
				"modulePrefixedPayload <- Payload(text) #1 @publisher",
				"modulePrefixedPayload throws java.lang.ClassCastException: "
						+ "java.base/java.lang.String cannot be cast to java.lang.Integer",
				"payloadEventClass <- Payload(text) #1 @publisher",
				"payloadEventClass throws java.lang.ClassCastException: "
						+ "org.springframework.context.PayloadApplicationEvent cannot be cast to X",
				"unrelatedClass <- Payload(text) #1 @publisher",
				"unrelatedClass throws java.lang.ClassCastException: "
						+ "java.base/java.lang.Long cannot be cast to java.lang.Integer",
				"errorHandler caught java.lang.ClassCastException: "
						+ "java.base/java.lang.Long cannot be cast to java.lang.Integer (as thrown by unrelatedClass)");
	}

	@Test
	void failingCreationOfAListenerBeanReachesThePublisherEvenWithAnErrorHandler() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.contextWithErrorHandler(FailingLazyListener.class);
			Trace t = run.trace();
			multicaster(context).addApplicationListener(new OnTestEvent("instance", t));
			multicaster(context).addApplicationListener(new OnOtherEvent("otherListener", t));
			t.publish(() -> context.publishEvent(new TestEvent("first")));
			t.publish(() -> context.publishEvent(new TestEvent("second")));
			t.publish(() -> context.publishEvent(new OtherEvent("not-for-the-failing-bean")));
		});
		assertThat(trace).hasSize(5);
		assertThat(trace.get(0)).isEqualTo("failingLazyListener constructor throws java.lang.IllegalStateException: "
				+ "cannot create");
		assertThat(trace.get(1)).startsWith("publisher caught org.springframework.beans.factory.BeanCreationException");
		assertThat(trace.get(4)).isEqualTo("otherListener <- OtherEvent(not-for-the-failing-bean) #1 @publisher");
	}

	@Test
	void checkedExceptionFromAnEventListenerMethodReachesThePublisherWrapped() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(CheckedThrowingMethod.class);
			run.trace().publish(() -> context.publishEvent(new TestEvent("a")));
		});
		assertThat(trace).hasSize(3);
		assertThat(trace.get(2)).startsWith("publisher caught java.lang.reflect.UndeclaredThrowableException");
	}

	/** Records any event but context events, then throws what its supplier makes. */
	static class ThrowingListener extends RecordingListener<ApplicationEvent> {

		private final Supplier<? extends Throwable> failure;

		ThrowingListener(String name, Trace trace, Supplier<? extends Throwable> failure) {
			super(name, trace);
			this.failure = failure;
		}

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			if (event instanceof ApplicationContextEvent) {
				return;
			}
			super.onApplicationEvent(event);
			throwUnchecked(trace().threw(name(), this.failure.get()));
		}

		@SuppressWarnings("unchecked")
		private static <T extends Throwable> void throwUnchecked(Throwable ex) throws T {
			throw (T) ex;
		}

	}

	/** A listener bean that rejects the context refresh. */
	static class RefreshFailingListener extends RecordingListener<ContextRefreshedEvent> {

		RefreshFailingListener(Trace trace) {
			super("refreshFailing", trace);
		}

		@Override
		public void onApplicationEvent(ContextRefreshedEvent event) {
			super.onApplicationEvent(event);
			throw trace().threw(name(), new IllegalStateException("refresh rejected"));
		}

	}

	/** A lazy listener bean whose constructor fails. */
	@Lazy
	static class FailingLazyListener extends RecordingListener<TestEvent> {

		FailingLazyListener(Trace trace) {
			super("failingLazyListener", trace);
			throw trace.threw("failingLazyListener constructor", new IllegalStateException("cannot create"));
		}

	}

	/** An {@code @EventListener} method that throws a checked exception. */
	static class CheckedThrowingMethod {

		private final Trace trace;

		CheckedThrowingMethod(Trace trace) {
			this.trace = trace;
		}

		@EventListener
		void on(TestEvent event) throws Exception {
			this.trace.received("checkedThrower", event);
			throw this.trace.threw("checkedThrower", new Exception("checked"));
		}

	}

}
