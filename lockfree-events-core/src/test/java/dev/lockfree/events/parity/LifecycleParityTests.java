package dev.lockfree.events.parity;

import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.event.TransactionalEventListenerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lockfree.events.parity.ParityEvents.OtherEvent;
import dev.lockfree.events.parity.ParityEvents.TestEvent;
import dev.lockfree.events.parity.ParityListeners.OnAnyEvent;
import dev.lockfree.events.parity.ParityListeners.OnTestEvent;

import static dev.lockfree.events.parity.ParityHarness.assertParity;
import static dev.lockfree.events.parity.ParityRun.multicaster;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity across the context lifecycle: which multicaster a context uses (item 2), removal during close
 * (item 5), transactional listeners on the publishing thread (item 11), early events, parents and closed
 * contexts (item 15), and close order and publishing threads (item 16) of {@code spring-semantics.md}.
 */
class LifecycleParityTests {

	@Test
	void contextEventsArriveInOrderOnThePublishingThreadAndCloseEventComesBeforeStopAndDestruction() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.prepare(DisposableAnyListener.class,
					RecordingLifecycle.class);
			context.refresh();
			context.start();
			context.publishEvent(new TestEvent("a"));
			context.close();
		});
		assertThat(trace).containsExactly(
				"lifecycle started",
				"disposableAnyListener <- ContextRefreshedEvent(context-1) #1 @publisher",
				"disposableAnyListener <- ContextStartedEvent(context-1) #2 @publisher",
				"disposableAnyListener <- TestEvent(a) #3 @publisher",
				"disposableAnyListener <- ContextClosedEvent(context-1) #4 @publisher",
				"lifecycle stopped",
				"disposableAnyListener destroyed");
	}

	@Test
	void listenersRunOnTheThreadThatPublishes() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context();
			context.addApplicationListener(new OnTestEvent("listener", run.trace()));
			for (String threadName : List.of("parity-publisher-1", "parity-publisher-2")) {
				Thread thread = new Thread(() -> context.publishEvent(new TestEvent(threadName)), threadName);
				thread.start();
				thread.join(5000);
				run.trace().note(threadName + " done: " + !thread.isAlive());
			}
			context.publishEvent(new TestEvent("main"));
		});
		assertThat(trace).containsExactly(
				"listener <- TestEvent(parity-publisher-1) #1 @parity-publisher-1",
				"parity-publisher-1 done: true",
				"listener <- TestEvent(parity-publisher-2) #2 @parity-publisher-2",
				"parity-publisher-2 done: true",
				"listener <- TestEvent(main) #3 @publisher");
	}

	@Test
	void eventsPublishedBeforeTheMulticasterExistsAreReplayedOnceInOrder() {
		List<String> trace = assertParity((run) -> {
			run.context(EarlyPublishersConfig.class, OnTestEventBean.class, OnStringPayloadBean.class);
		});
		assertThat(trace).containsExactly(
				"onTestEventBean <- TestEvent(from-bean-factory-post-processor) #1 @publisher",
				"onStringPayloadBean <- Payload(early payload) #1 @publisher",
				"onTestEventBean <- TestEvent(from-bean-post-processor) #2 @publisher",
				"onTestEventBean <- TestEvent(from-singleton-initialization) #3 @publisher",
				"refreshed");
	}

	@Test
	void afterCloseTheContextDropsEventsAndTheMulticasterKeepsStaticListenersAndPrototypeNames() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.prepare(DisposableAnyListener.class,
					PrototypeListenerConfig.class);
			context.addApplicationListener(new OnTestEvent("static", run.trace()));
			context.refresh();
			ApplicationEventMulticaster multicaster = multicaster(context);
			context.close();
			run.trace().note("closed");
			run.trace().publish(() -> context.publishEvent(new TestEvent("to-closed-context")));
			run.trace().publish(() -> multicaster.multicastEvent(new TestEvent("to-multicaster-after-close")));
		});
		// The prototype's bean name is still registered, but its dependency (the trace singleton) is gone:
		// resolving the listeners fails before the static listener runs.
		assertThat(trace).hasSize(5).startsWith(
				"disposableAnyListener <- ContextRefreshedEvent(context-1) #1 @publisher",
				"disposableAnyListener <- ContextClosedEvent(context-1) #2 @publisher",
				"disposableAnyListener destroyed",
				"closed");
		assertThat(trace.get(4)).startsWith("publisher caught "
				+ "org.springframework.beans.factory.UnsatisfiedDependencyException: Error creating bean with name "
				+ "'prototypeListener'");
	}

	@Test
	void listenerDestroyedAfterTheMulticasterIsStillRemoved() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(EarlyListenerConfig.class);
			ApplicationEventMulticaster multicaster = multicaster(context);
			context.publishEvent(new TestEvent("a"));
			context.close();
			run.trace().publish(() -> multicaster.multicastEvent(new TestEvent("after-close")));
		});
		assertThat(trace).containsExactly(
				"earlyListener <- TestEvent(a) #1 @publisher",
				"earlyListener destroyed");
	}

	@Test
	void childContextEventsReachParentListenersThroughTheParent() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext parent = run.prepare();
			parent.addApplicationListener(new OnAnyEvent("parentListener", run.trace()));
			parent.refresh();
			AnnotationConfigApplicationContext child = run.prepare();
			child.setParent(parent);
			child.addApplicationListener(new OnTestEvent("childListener", run.trace()));
			child.refresh();
			child.publishEvent(new TestEvent("from-child"));
			child.publishEvent("payload-from-child");
			parent.publishEvent(new TestEvent("from-parent"));
			child.close();
		});
		assertThat(trace).containsExactly(
				"parentListener <- ContextRefreshedEvent(context-1) #1 @publisher",
				"parentListener <- ContextRefreshedEvent(context-2) #2 @publisher",
				"childListener <- TestEvent(from-child) #1 @publisher",
				"parentListener <- TestEvent(from-child) #3 @publisher",
				"parentListener <- Payload(payload-from-child) #4 @publisher",
				"parentListener <- TestEvent(from-parent) #5 @publisher",
				"parentListener <- ContextClosedEvent(context-2) #6 @publisher",
				"parentListener <- ContextClosedEvent(context-1) #7 @publisher");
	}

	@Test
	void childContextIgnoresTheMulticasterBeanOfItsParent() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext parent = run.prepare();
			parent.addApplicationListener(new OnTestEvent("parentListener", run.trace()));
			parent.refresh();
			AnnotationConfigApplicationContext child = run.track(new AnnotationConfigApplicationContext());
			child.setParent(parent);
			child.addApplicationListener(new OnTestEvent("childListener", run.trace()));
			child.refresh();
			String name = AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME;
			ApplicationEventMulticaster childMulticaster = child.getBean(name, ApplicationEventMulticaster.class);
			run.trace().note("child has its own multicaster: " + (childMulticaster != multicaster(parent)));
			run.trace().note("child's multicaster is local: " + child.getBeanFactory().containsLocalBean(name));
			child.publishEvent(new TestEvent("from-child"));
		});
		assertThat(trace).containsExactly(
				"child has its own multicaster: true",
				"child's multicaster is local: true",
				"childListener <- TestEvent(from-child) #1 @publisher",
				"parentListener <- TestEvent(from-child) #1 @publisher");
	}

	@Test
	void transactionalListenersRunOnThePublishingThreadInTheirTransactionPhase() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(TransactionalConfig.class);
			Trace t = run.trace();
			TransactionTemplate transaction = new TransactionTemplate(
					context.getBean(PlatformTransactionManager.class));
			transaction.executeWithoutResult((status) -> {
				context.publishEvent(new TestEvent("in-transaction"));
				context.publishEvent("payload-in-transaction");
				t.note("published in transaction");
			});
			t.note("committed");
			context.publishEvent(new TestEvent("no-transaction"));
		});
		assertThat(trace).containsExactly(
				"plain <- TestEvent(in-transaction) #1 @publisher",
				"published in transaction",
				"beforeCommit <- TestEvent(in-transaction) #1 @publisher",
				"payloadAfterCommit <- payload-in-transaction #1 @publisher",
				"afterCommit <- TestEvent(in-transaction) #1 @publisher",
				"committed",
				"plain <- TestEvent(no-transaction) #2 @publisher",
				"fallback <- TestEvent(no-transaction) #1 @publisher");
	}

	/** Receives everything and records its destruction. */
	static class DisposableAnyListener extends OnAnyEvent implements DisposableBean {

		DisposableAnyListener(Trace trace) {
			super("disposableAnyListener", trace);
		}

		@Override
		public void destroy() {
			trace().note(name() + " destroyed");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PrototypeListenerConfig {

		@Bean
		@Scope("prototype")
		OnTestEvent prototypeListener(Trace trace) {
			return new OnTestEvent("prototype", trace);
		}

	}

	/** A lifecycle bean of the default phase that records start and stop. */
	static class RecordingLifecycle implements SmartLifecycle {

		private final Trace trace;

		private volatile boolean running;

		RecordingLifecycle(Trace trace) {
			this.trace = trace;
		}

		@Override
		public void start() {
			this.running = true;
			this.trace.note("lifecycle started");
		}

		@Override
		public void stop() {
			this.running = false;
			this.trace.note("lifecycle stopped");
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

	}

	/** A singleton listener bean for {@link TestEvent}. */
	static class OnTestEventBean extends RecordingListener<TestEvent> {

		OnTestEventBean(Trace trace) {
			super("onTestEventBean", trace);
		}

		@EventListener
		void payload(String payload) {
			trace().received("payloadMethod", payload);
		}

		@EventListener
		void refreshed(ContextRefreshedEvent event) {
			trace().note("refreshed");
		}

	}

	/**
	 * A listener bean for {@code String} payloads: unlike an {@code @EventListener} method (registered only
	 * after all singletons exist), it receives the replayed early events.
	 */
	static class OnStringPayloadBean extends RecordingListener<PayloadApplicationEvent<String>> {

		OnStringPayloadBean(Trace trace) {
			super("onStringPayloadBean", trace);
		}

	}

	/** Publishes from a bean factory post-processor, a bean post-processor and a singleton's initialisation. */
	@Configuration(proxyBeanMethods = false)
	static class EarlyPublishersConfig {

		@Bean
		static BeanFactoryPostProcessor publishingBeanFactoryPostProcessor(ApplicationEventPublisher publisher) {
			return (beanFactory) -> {
				publisher.publishEvent(new TestEvent("from-bean-factory-post-processor"));
				publisher.publishEvent("early payload");
			};
		}

		@Bean
		static PublishingBeanPostProcessor publishingBeanPostProcessor() {
			return new PublishingBeanPostProcessor();
		}

		@Bean
		PublishingSingleton publishingSingleton(ApplicationEventPublisher publisher) {
			return new PublishingSingleton(publisher);
		}

	}

	/** Publishes when initialised, before the context has a multicaster. */
	static class PublishingBeanPostProcessor implements BeanPostProcessor, ApplicationEventPublisherAware,
			InitializingBean {

		private ApplicationEventPublisher publisher;

		@Override
		public void setApplicationEventPublisher(ApplicationEventPublisher publisher) {
			this.publisher = publisher;
		}

		@Override
		public void afterPropertiesSet() {
			this.publisher.publishEvent(new TestEvent("from-bean-post-processor"));
		}

	}

	/** Publishes when initialised, after the context has its multicaster. */
	static class PublishingSingleton implements InitializingBean {

		private final ApplicationEventPublisher publisher;

		PublishingSingleton(ApplicationEventPublisher publisher) {
			this.publisher = publisher;
		}

		@Override
		public void afterPropertiesSet() {
			this.publisher.publishEvent(new TestEvent("from-singleton-initialization"));
		}

	}

	/**
	 * Makes a listener bean a dependency of a bean post-processor: the listener is created before the
	 * multicaster bean, and therefore destroyed after it.
	 */
	@Configuration(proxyBeanMethods = false)
	static class EarlyListenerConfig {

		@Bean
		static EarlyListener earlyListener(Trace trace) {
			return new EarlyListener(trace);
		}

		@Bean
		static BeanPostProcessor listenerDependentPostProcessor(EarlyListener earlyListener) {
			return new BeanPostProcessor() {
			};
		}

	}

	/** A listener bean that records its destruction. */
	static class EarlyListener extends OnTestEvent implements DisposableBean {

		EarlyListener(Trace trace) {
			super("earlyListener", trace);
		}

		@Override
		public void destroy() {
			trace().note(name() + " destroyed");
		}

	}

	/** A transaction manager over an in-memory database, and transactional listener methods. */
	@Configuration(proxyBeanMethods = false)
	static class TransactionalConfig {

		@Bean
		static TransactionalEventListenerFactory transactionalEventListenerFactory() {
			return new TransactionalEventListenerFactory();
		}

		@Bean
		DataSource dataSource() {
			return new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:parity;DB_CLOSE_DELAY=-1");
		}

		@Bean
		PlatformTransactionManager transactionManager(DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

		@Bean
		TransactionalMethods transactionalMethods(Trace trace) {
			return new TransactionalMethods(trace);
		}

	}

	/** Listener methods for each transaction phase, plus a plain one. */
	static class TransactionalMethods {

		private final Trace trace;

		TransactionalMethods(Trace trace) {
			this.trace = trace;
		}

		@EventListener
		@Order(1)
		void plain(TestEvent event) {
			this.trace.received("plain", event);
		}

		@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
		void beforeCommit(TestEvent event) {
			this.trace.received("beforeCommit", event);
		}

		@TransactionalEventListener
		void afterCommit(TestEvent event) {
			this.trace.received("afterCommit", event);
		}

		@TransactionalEventListener
		@Order(2)
		void payloadAfterCommit(String payload) {
			this.trace.received("payloadAfterCommit", payload);
		}

		@TransactionalEventListener(fallbackExecution = true, phase = TransactionPhase.AFTER_ROLLBACK)
		@Order(3)
		void fallback(TestEvent event) {
			this.trace.received("fallback", event);
		}

		@EventListener
		void other(OtherEvent event) {
			this.trace.received("other", event);
		}

	}

}
