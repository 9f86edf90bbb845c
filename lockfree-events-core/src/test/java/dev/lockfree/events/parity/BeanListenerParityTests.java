package dev.lockfree.events.parity;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Scope;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.EventListener;
import org.springframework.context.event.SmartApplicationListener;

import dev.lockfree.events.parity.ParityEvents.OtherEvent;
import dev.lockfree.events.parity.ParityEvents.TestEvent;
import dev.lockfree.events.parity.ParityListeners.OnOtherEvent;
import dev.lockfree.events.parity.ParityListeners.OnTestEvent;

import static dev.lockfree.events.parity.ParityHarness.assertParity;
import static dev.lockfree.events.parity.ParityRun.multicaster;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity for listeners registered by bean name: how they arrive (item 3), filtering before instantiation
 * (item 7), non-singleton listeners and the no-lock rule around {@code getBean} (item 10) of
 * {@code spring-semantics.md}.
 */
class BeanListenerParityTests {

	@Test
	void prototypeListenerBeanIsANewInstanceForEveryEvent() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(PrototypeListener.class);
			context.publishEvent(new TestEvent("a"));
			context.publishEvent(new OtherEvent("ignored"));
			context.publishEvent(new TestEvent("b"));
		});
		assertThat(trace).containsExactly("prototype instance 1 created",
				"prototype instance 1 <- TestEvent(a) #1 @publisher", "prototype instance 2 created",
				"prototype instance 2 <- TestEvent(b) #1 @publisher");
	}

	@Test
	void lazyListenerBeanIsNotCreatedForEventsItDoesNotTake() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(LazyListener.class);
			context.publishEvent(new TestEvent("a"));
			context.publishEvent("payload");
			run.trace().note("before first OtherEvent");
			context.publishEvent(new OtherEvent("b"));
			context.publishEvent(new OtherEvent("c"));
		});
		assertThat(trace).containsExactly("before first OtherEvent", "lazyListener created",
				"lazyListener <- OtherEvent(b) #1 @publisher", "lazyListener <- OtherEvent(c) #2 @publisher");
	}

	@Test
	void lazySmartListenerBeanIsCreatedForTheFirstEventEvenOneItDeclines() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(LazySmartListener.class);
			run.trace().note("refreshed");
			context.publishEvent(new TestEvent("declined"));
			context.publishEvent(new OtherEvent("accepted"));
		});
		assertThat(trace).containsExactly("lazySmartListener created", "refreshed",
				"lazySmartListener <- OtherEvent(accepted) #1 @publisher");
	}

	@Test
	void lambdaListenerBeansAreFilteredByTheirFactoryMethodGeneric() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(LambdaListenerConfig.class);
			context.publishEvent(new TestEvent("a"));
			context.publishEvent(new OtherEvent("b"));
			context.publishEvent("payload");
		});
		assertThat(trace).containsExactly("testEventLambda <- TestEvent(a) #1 @publisher",
				"untypedByClass <- TestEvent(a) #1 @publisher", "otherEventLambda <- OtherEvent(b) #1 @publisher");
	}

	@Test
	void factoryBeanListenersAreInvokedOnce() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(FactoryBeanConfig.class);
			context.publishEvent(new TestEvent("a"));
			context.publishEvent(new OtherEvent("b"));
		});
		assertThat(trace).containsExactly("selfListeningFactoryBean <- TestEvent(a) #1 @publisher",
				"producedListener <- TestEvent(a) #1 @publisher");
	}

	@Test
	void manuallyRegisteredSingletonListenerIsInvokedByName() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.prepare();
			context.getBeanFactory().registerSingleton("manualListener", new OnOtherEvent("manual", run.trace()));
			context.refresh();
			context.publishEvent(new TestEvent("a"));
			context.publishEvent(new OtherEvent("b"));
		});
		assertThat(trace).containsExactly("manual <- OtherEvent(b) #1 @publisher");
	}

	@Test
	void beanNameOfABeanThatIsNoListenerFailsThePublish() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(NotAListener.class);
			context.addApplicationListener(new OnTestEvent("instance", run.trace()));
			String beanName = context.getBeanNamesForType(NotAListener.class)[0];
			multicaster(context).addApplicationListenerBean(beanName);
			run.trace().publish(() -> context.publishEvent(new TestEvent("a")));
			multicaster(context).removeApplicationListenerBean(beanName);
			context.publishEvent(new TestEvent("b"));
		});
		assertThat(trace).hasSize(2);
		assertThat(trace.get(1)).isEqualTo("instance <- TestEvent(b) #1 @publisher");
		assertThat(trace.get(0))
			.startsWith("publisher caught org.springframework.beans.factory.BeanNotOfRequiredTypeException");
	}

	@Test
	void listenerBeanProxiedByAPostProcessorIsMatchedByItsTargetAndInvokedOnce() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(ProxyingConfig.class);
			run.trace().note("bean is a JDK proxy: "
					+ java.lang.reflect.Proxy.isProxyClass(context.getBean("proxiedListener").getClass()));
			context.publishEvent(new TestEvent("a"));
			context.publishEvent(new OtherEvent("b"));
			context.publishEvent(new OtherEvent("c"));
		});
		assertThat(trace).containsExactly("bean is a JDK proxy: true",
				"proxiedListener <- OtherEvent(b) #1 @publisher", "proxiedListener <- OtherEvent(c) #2 @publisher");
	}

	@Test
	void unknownListenerBeanNameIsIgnored() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(PrototypeListener.class);
			ApplicationEventMulticaster multicaster = multicaster(context);
			multicaster.addApplicationListenerBean("noSuchBean");
			run.trace().publish(() -> context.publishEvent(new TestEvent("a")));
		});
		assertThat(trace).containsExactly("prototype instance 1 created",
				"prototype instance 1 <- TestEvent(a) #1 @publisher");
	}

	@Test
	void eventListenerMethodOfAPrototypeBeanRunsOnAFreshInstanceForEveryEvent() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(PrototypeMethodListener.class);
			context.publishEvent(new TestEvent("a"));
			context.publishEvent(new TestEvent("b"));
		});
		assertThat(trace).containsExactly("prototype method bean 1 <- TestEvent(a) #1 @publisher",
				"prototype method bean 2 <- TestEvent(b) #1 @publisher");
	}

	@Test
	void anotherThreadCanPublishWhileAListenerBeanIsBeingCreated() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(ThreadStartingListener.class);
			context.addApplicationListener(new OnOtherEvent("otherEvents", run.trace()));
			context.publishEvent(new TestEvent("a"));
		});
		assertThat(trace).containsExactly("otherEvents <- OtherEvent(from-other-thread) #1 @parity-other-publisher",
				"other thread finished publishing: true", "threadStartingListener <- TestEvent(a) #1 @publisher");
	}

	/** A prototype listener bean that numbers its instances. */
	@Scope("prototype")
	static class PrototypeListener implements ApplicationListener<TestEvent> {

		private final Trace trace;

		private final String name;

		PrototypeListener(Trace trace) {
			this.trace = trace;
			this.name = "prototype instance " + trace.next("prototype instances");
			trace.note(this.name + " created");
		}

		@Override
		public void onApplicationEvent(TestEvent event) {
			this.trace.received(this.name, event);
		}

	}

	/** A bean that is not a listener. */
	static class NotAListener {

	}

	/** Declares a listener bean and a post-processor that wraps it in a JDK proxy. */
	@Configuration(proxyBeanMethods = false)
	static class ProxyingConfig {

		@Bean
		static BeanPostProcessor jdkProxyingPostProcessor() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (!beanName.equals("proxiedListener")) {
						return bean;
					}
					ProxyFactory proxyFactory = new ProxyFactory(bean);
					proxyFactory.addInterface(ApplicationListener.class);
					return proxyFactory.getProxy();
				}

			};
		}

		@Bean
		OnOtherEvent proxiedListener(Trace trace) {
			return new OnOtherEvent("proxiedListener", trace);
		}

	}

	/** A lazy singleton listener bean that records its creation. */
	@Lazy
	static class LazyListener extends RecordingListener<OtherEvent> {

		LazyListener(Trace trace) {
			super("lazyListener", trace);
			trace.note("lazyListener created");
		}

	}

	/** A lazy {@link SmartApplicationListener} bean: its type says nothing about the events it takes. */
	@Lazy
	static class LazySmartListener extends RecordingListener<ApplicationEvent> implements SmartApplicationListener {

		LazySmartListener(Trace trace) {
			super("lazySmartListener", trace);
			trace.note("lazySmartListener created");
		}

		@Override
		public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
			return OtherEvent.class == eventType;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LambdaListenerConfig {

		@Bean
		ApplicationListener<TestEvent> testEventLambda(Trace trace) {
			return (event) -> trace.received("testEventLambda", event);
		}

		@Bean
		ApplicationListener<OtherEvent> otherEventLambda(Trace trace) {
			return (event) -> trace.received("otherEventLambda", event);
		}

		@Bean
		ApplicationListener<TestEvent> untypedByClass(Trace trace) {
			return new UntypedListener("untypedByClass", trace);
		}

	}

	/** A listener whose class declares no event type: only its factory method does. */
	@SuppressWarnings("rawtypes")
	static class UntypedListener implements ApplicationListener {

		private final String name;

		private final Trace trace;

		UntypedListener(String name, Trace trace) {
			this.name = name;
			this.trace = trace;
		}

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			this.trace.received(this.name, event);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FactoryBeanConfig {

		@Bean
		static SelfListeningFactoryBean selfListeningFactoryBean(Trace trace) {
			return new SelfListeningFactoryBean(trace);
		}

		@Bean
		static ListenerFactoryBean producedListener(Trace trace) {
			return new ListenerFactoryBean(trace);
		}

	}

	/** A {@link FactoryBean} that is itself a listener: registered as {@code &name}. */
	static class SelfListeningFactoryBean extends RecordingListener<TestEvent> implements FactoryBean<String> {

		SelfListeningFactoryBean(Trace trace) {
			super("selfListeningFactoryBean", trace);
		}

		@Override
		public String getObject() {
			return "product";
		}

		@Override
		public Class<?> getObjectType() {
			return String.class;
		}

	}

	/** A {@link FactoryBean} whose product is a listener. */
	static class ListenerFactoryBean implements FactoryBean<OnTestEvent> {

		private final OnTestEvent product;

		ListenerFactoryBean(Trace trace) {
			this.product = new OnTestEvent("producedListener", trace);
		}

		@Override
		public OnTestEvent getObject() {
			return this.product;
		}

		@Override
		public Class<?> getObjectType() {
			return OnTestEvent.class;
		}

	}

	/** A prototype bean with an {@code @EventListener} method that numbers its instances. */
	@Scope("prototype")
	static class PrototypeMethodListener {

		private final Trace trace;

		private final String name;

		PrototypeMethodListener(Trace trace) {
			this.trace = trace;
			this.name = "prototype method bean " + trace.next("prototype method beans");
		}

		@EventListener
		void on(TestEvent event) {
			this.trace.received(this.name, event);
		}

	}

	/**
	 * A lazy listener bean whose constructor lets another thread publish an event and waits for it: a
	 * multicaster that held a lock while creating listener beans would stall the other thread.
	 */
	@Lazy
	static class ThreadStartingListener extends RecordingListener<TestEvent> {

		ThreadStartingListener(Trace trace, ApplicationContext context) throws InterruptedException {
			super("threadStartingListener", trace);
			Thread other = new Thread(() -> context.publishEvent(new OtherEvent("from-other-thread")),
					"parity-other-publisher");
			other.start();
			other.join(5000);
			trace.note("other thread finished publishing: " + !other.isAlive());
		}

	}

}
