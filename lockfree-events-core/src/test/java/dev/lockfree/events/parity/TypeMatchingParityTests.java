package dev.lockfree.events.parity;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.ApplicationContextEvent;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.ResolvableType;

import dev.lockfree.events.parity.ParityEvents.IntegerEvent;
import dev.lockfree.events.parity.ParityEvents.NoTypeProvidedEvent;
import dev.lockfree.events.parity.ParityEvents.OtherEvent;
import dev.lockfree.events.parity.ParityEvents.StringEvent;
import dev.lockfree.events.parity.ParityEvents.SubTestEvent;
import dev.lockfree.events.parity.ParityEvents.TestEvent;
import dev.lockfree.events.parity.ParityEvents.TypedEvent;
import dev.lockfree.events.parity.ParityListeners.OnAnyEvent;
import dev.lockfree.events.parity.ParityListeners.OnIntegerEvent;
import dev.lockfree.events.parity.ParityListeners.OnOtherEvent;
import dev.lockfree.events.parity.ParityListeners.OnStringEvent;
import dev.lockfree.events.parity.ParityListeners.OnTestEvent;

import static dev.lockfree.events.parity.ParityHarness.assertParity;
import static dev.lockfree.events.parity.ParityRun.multicaster;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity of event-to-listener matching for listener instances (item 6) and of route caching (item 10) of
 * {@code spring-semantics.md}.
 */
class TypeMatchingParityTests {

	@Test
	void genericListenersReceiveTheirGenericOnlyAndRawListenersReceiveEverything() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.prepare();
			Trace t = run.trace();
			context.addApplicationListener(new OnStringEvent("strings", t));
			context.addApplicationListener(new OnIntegerEvent("integers", t));
			context.addApplicationListener(new RawListener("raw", t));
			context.refresh();
			context.publishEvent(new StringEvent("s"));
			context.publishEvent(new IntegerEvent(1));
			context.publishEvent(new TypedEvent<>(String.class, "typed"));
			context.publishEvent(new NoTypeProvidedEvent<>("no-type"));
			context.publishEvent(new TestEvent("plain"));
		});
		assertThat(trace).containsExactly(
				"raw <- ContextRefreshedEvent(context-1) #1 @publisher",
				"strings <- StringEvent(s) #1 @publisher",
				"raw <- StringEvent(s) #2 @publisher",
				"integers <- IntegerEvent(1) #1 @publisher",
				"raw <- IntegerEvent(1) #3 @publisher",
				"strings <- TypedEvent(typed) #2 @publisher",
				"raw <- TypedEvent(typed) #4 @publisher",
				"raw <- NoTypeProvidedEvent(no-type) #5 @publisher",
				"raw <- TestEvent(plain) #6 @publisher",
				"raw <- ContextClosedEvent(context-1) #7 @publisher");
	}

	@Test
	void explicitTypeThatDoesNotFitTheEventSelectsListenersByTheTypeAlone() {
		List<String> trace = assertParity((run) -> {
			ApplicationEventMulticaster multicaster = multicaster(run.context());
			Trace t = run.trace();
			multicaster.addApplicationListener(new OnTestEvent("testEvents", t));
			multicaster.addApplicationListener(new OnOtherEvent("otherEvents", t));
			multicaster.addApplicationListener(new RawListener("raw", t));
			t.publish(() -> multicaster.multicastEvent(new TestEvent("declared-as-other"),
					ResolvableType.forClass(OtherEvent.class)));
		});
		assertThat(trace).containsExactly("otherEvents <- TestEvent(declared-as-other) #1 @publisher",
				"raw <- TestEvent(declared-as-other) #1 @publisher",
				"raw <- ContextClosedEvent(context-1) #2 @publisher");
	}

	@Test
	void eventsOfOneClassWithDifferentGenericsAreRoutedApart() {
		List<String> trace = assertParity((run) -> {
			ApplicationEventMulticaster multicaster = multicaster(run.context());
			Trace t = run.trace();
			multicaster.addApplicationListener(new OnStringEvent("strings", t));
			multicaster.addApplicationListener(new OnIntegerEvent("integers", t));
			multicaster.multicastEvent(new TypedEvent<>(String.class, "s1"));
			multicaster.multicastEvent(new TypedEvent<>(Integer.class, 1));
			multicaster.multicastEvent(new TypedEvent<>(String.class, "s2"));
			multicaster.multicastEvent(new TypedEvent<>(Long.class, 2L));
			multicaster.multicastEvent(new TypedEvent<>(Integer.class, 3));
		});
		assertThat(trace).containsExactly("strings <- TypedEvent(s1) #1 @publisher",
				"integers <- TypedEvent(1) #1 @publisher", "strings <- TypedEvent(s2) #2 @publisher",
				"integers <- TypedEvent(3) #2 @publisher");
	}

	@Test
	void listenersMatchEventSubclassesOfTheirDeclaredType() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.prepare();
			Trace t = run.trace();
			context.addApplicationListener(new OnContextEvent("contextEvents", t));
			context.addApplicationListener(new OnTestEvent("testEvents", t));
			context.refresh();
			context.publishEvent(new TestEvent("base"));
			context.publishEvent(new SubTestEvent("sub"));
			context.publishEvent(new OtherEvent("other"));
			context.start();
			context.stop();
		});
		assertThat(trace).containsExactly(
				"contextEvents <- ContextRefreshedEvent(context-1) #1 @publisher",
				"testEvents <- TestEvent(base) #1 @publisher",
				"testEvents <- SubTestEvent(sub) #2 @publisher",
				"contextEvents <- ContextStartedEvent(context-1) #2 @publisher",
				"contextEvents <- ContextStoppedEvent(context-1) #3 @publisher",
				"contextEvents <- ContextClosedEvent(context-1) #4 @publisher");
	}

	@Test
	void smartListenerIsAskedAboutEventTypeAndSourceType() {
		List<String> trace = assertParity((run) -> {
			ApplicationEventMulticaster multicaster = multicaster(run.context());
			multicaster.addApplicationListener(new StringSourcedTestEvents("smart", run.trace()));
			multicaster.multicastEvent(new TestEvent("string-source", "a"));
			multicaster.multicastEvent(new TestEvent(42, "b"));
			multicaster.multicastEvent(new SubTestEvent("c"));
			multicaster.multicastEvent(new OtherEvent("d"));
			multicaster.multicastEvent(new TestEvent(43, "e"));
			multicaster.multicastEvent(new TestEvent("string-source", "f"));
		});
		assertThat(trace).containsExactly("smart <- TestEvent(a) #1 @publisher",
				"smart <- SubTestEvent(c) #2 @publisher", "smart <- TestEvent(f) #3 @publisher");
	}

	@Test
	void genericApplicationListenerIsAskedWithTheResolvedType() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context();
			multicaster(context).addApplicationListener(new StringPayloads("stringPayloads", run.trace()));
			context.publishEvent("text");
			context.publishEvent(42);
			context.publishEvent(new TestEvent("not-a-payload"));
			context.publishEvent("more text");
		});
		assertThat(trace).containsExactly("stringPayloads <- Payload(text) #1 @publisher",
				"stringPayloads <- Payload(more text) #2 @publisher");
	}

	@Test
	void proxiedListenerIsMatchedByItsTargetClassGeneric() {
		List<String> trace = assertParity((run) -> {
			ApplicationEventMulticaster multicaster = multicaster(run.context());
			ProxyFactory proxyFactory = new ProxyFactory(new OnOtherEvent("proxiedOther", run.trace()));
			proxyFactory.addInterface(ApplicationListener.class);
			multicaster.addApplicationListener((ApplicationListener<?>) proxyFactory.getProxy());
			multicaster.multicastEvent(new TestEvent("a"));
			multicaster.multicastEvent(new OtherEvent("b"));
		});
		assertThat(trace).containsExactly("proxiedOther <- OtherEvent(b) #1 @publisher");
	}

	@Test
	void eventsOfAForeignClassLoaderAreMatchedAnewOnEveryPublish() {
		List<String> trace = assertParity((run) -> {
			ApplicationEventMulticaster multicaster = multicaster(run.context());
			Trace t = run.trace();
			ToggledListener toggled = new ToggledListener("toggled", t, ForeignEvent.class.getName());
			multicaster.addApplicationListener(toggled);
			multicaster.addApplicationListener(new OnForeignEvent("sameClassLoader", t));
			multicaster.addApplicationListener(new OnAnyEvent("any", t));
			Object first = ThrowawayClassLoader.newForeignEvent("first");
			multicaster.multicastEvent((ApplicationEvent) first);
			toggled.accepting = false;
			multicaster.multicastEvent((ApplicationEvent) first);
			toggled.accepting = true;
			multicaster.multicastEvent((ApplicationEvent) ThrowawayClassLoader.newForeignEvent("second"));
			multicaster.multicastEvent(new ForeignEvent("native"));
			t.note("foreign copies are distinct classes: " + (first.getClass() != ForeignEvent.class));
		});
		assertThat(trace).containsExactly(
				"toggled <- ForeignEvent(first) #1 @publisher",
				"any <- ForeignEvent(first) #1 @publisher",
				"any <- ForeignEvent(first) #2 @publisher",
				"toggled <- ForeignEvent(second) #2 @publisher",
				"any <- ForeignEvent(second) #3 @publisher",
				"toggled <- ForeignEvent(native) #3 @publisher",
				"sameClassLoader <- ForeignEvent(native) #1 @publisher",
				"any <- ForeignEvent(native) #4 @publisher",
				"foreign copies are distinct classes: true",
				"any <- ContextClosedEvent(context-1) #5 @publisher");
	}

	/**
	 * A bean-name change re-resolves every route, as Spring clears its cache. (A change of one listener instance
	 * is carried over without asking the other listeners again: a deliberate difference, see
	 * {@code RouteDerivationTests#aListenerIsNotAskedAgainWhenAnotherInstanceChanges}.)
	 */
	@Test
	void matchingResultsForCacheSafeEventTypesAreKeptUntilTheRegistryChanges() {
		List<String> trace = assertParity((run) -> {
			ApplicationEventMulticaster multicaster = multicaster(run.context());
			Trace t = run.trace();
			ToggledListener toggled = new ToggledListener("toggled", t, TestEvent.class.getName());
			multicaster.addApplicationListener(toggled);
			multicaster.multicastEvent(new TestEvent("accepted"));
			toggled.accepting = false;
			multicaster.multicastEvent(new TestEvent("cached"));
			// No such bean: both multicasters ignore the name, but the registry changed.
			multicaster.addApplicationListenerBean("registryChange");
			multicaster.multicastEvent(new TestEvent("re-evaluated"));
		});
		assertThat(trace).containsExactly("toggled <- TestEvent(accepted) #1 @publisher",
				"toggled <- TestEvent(cached) #2 @publisher");
	}

	/** Declares no generic at all. */
	@SuppressWarnings("rawtypes")
	static class RawListener implements ApplicationListener {

		private final String name;

		private final Trace trace;

		RawListener(String name, Trace trace) {
			this.name = name;
			this.trace = trace;
		}

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			this.trace.received(this.name, event);
		}

	}

	/** Declares {@link ApplicationContextEvent}. */
	static class OnContextEvent extends RecordingListener<ApplicationContextEvent> {

		OnContextEvent(String name, Trace trace) {
			super(name, trace);
		}

	}

	/** Declares the application class loader's {@link ForeignEvent}. */
	static class OnForeignEvent extends RecordingListener<ForeignEvent> {

		OnForeignEvent(String name, Trace trace) {
			super(name, trace);
		}

	}

	/** Takes {@link TestEvent}s whose source is a {@code String}. */
	static class StringSourcedTestEvents extends RecordingListener<ApplicationEvent>
			implements SmartApplicationListener {

		StringSourcedTestEvents(String name, Trace trace) {
			super(name, trace);
		}

		@Override
		public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
			return TestEvent.class.isAssignableFrom(eventType);
		}

		@Override
		public boolean supportsSourceType(Class<?> sourceType) {
			return String.class == sourceType;
		}

	}

	/** Takes payload events whose payload is a {@code String}, judged on the full resolvable type. */
	static class StringPayloads extends RecordingListener<ApplicationEvent> implements GenericApplicationListener {

		StringPayloads(String name, Trace trace) {
			super(name, trace);
		}

		@Override
		public boolean supportsEventType(ResolvableType eventType) {
			return ResolvableType.forClassWithGenerics(PayloadApplicationEvent.class, String.class)
				.isAssignableFrom(eventType);
		}

	}

	/** Takes events of one class, by name, as long as {@link #accepting} is set. */
	static class ToggledListener extends RecordingListener<ApplicationEvent> implements SmartApplicationListener {

		private final String eventClassName;

		volatile boolean accepting = true;

		ToggledListener(String name, Trace trace, String eventClassName) {
			super(name, trace);
			this.eventClassName = eventClassName;
		}

		@Override
		public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
			return this.accepting && eventType.getName().equals(this.eventClassName);
		}

	}

}
