package dev.lockfree.events.parity;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.core.ResolvableType;

import dev.lockfree.events.parity.ParityEvents.GenericEvent;
import dev.lockfree.events.parity.ParityEvents.StringEvent;
import dev.lockfree.events.parity.ParityEvents.TestEvent;
import dev.lockfree.events.parity.ParityEvents.TypedEvent;
import dev.lockfree.events.parity.ParityListeners.OnAnyEvent;
import dev.lockfree.events.parity.ParityListeners.OnIntegerEvent;
import dev.lockfree.events.parity.ParityListeners.OnStringEvent;
import dev.lockfree.events.parity.ParityListeners.OnTestEvent;

import static dev.lockfree.events.parity.ParityHarness.assertParity;
import static dev.lockfree.events.parity.ParityRun.multicaster;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity of the registry: the interface contract (item 1), the four ways listeners arrive (item 3), set
 * semantics and proxies (item 4), and removal (item 5) of {@code spring-semantics.md}.
 */
class RegistrationParityTests {

	@Test
	void explicitEventTypeWinsAndNullTypeMeansTheInstanceType() {
		List<String> trace = assertParity((run) -> {
			ApplicationEventMulticaster multicaster = multicaster(run.context());
			Trace t = run.trace();
			multicaster.addApplicationListener(new OnStringEvent("strings", t));
			multicaster.addApplicationListener(new OnIntegerEvent("integers", t));
			GenericEvent<String> untyped = new GenericEvent<>("source", "untyped");
			t.note("-- explicit GenericEvent<String>");
			multicaster.multicastEvent(untyped, ResolvableType.forClassWithGenerics(GenericEvent.class, String.class));
			t.note("-- explicit GenericEvent<Integer>");
			multicaster.multicastEvent(untyped, ResolvableType.forClassWithGenerics(GenericEvent.class, Integer.class));
			t.note("-- StringEvent, one-argument");
			multicaster.multicastEvent(new StringEvent("one-arg"));
			t.note("-- StringEvent, null type");
			multicaster.multicastEvent(new StringEvent("null-type"), null);
			t.note("-- TypedEvent<Integer>, one-argument");
			multicaster.multicastEvent(new TypedEvent<>(Integer.class, 7));
			t.note("-- TypedEvent<Integer>, null type");
			multicaster.multicastEvent(new TypedEvent<>(Integer.class, 8), null);
		});
		assertThat(trace).containsExactly(
				"-- explicit GenericEvent<String>",
				"strings <- GenericEvent(untyped) #1 @publisher",
				"-- explicit GenericEvent<Integer>",
				"integers <- GenericEvent(untyped) #1 @publisher",
				"-- StringEvent, one-argument",
				"strings <- StringEvent(one-arg) #2 @publisher",
				"-- StringEvent, null type",
				"strings <- StringEvent(null-type) #3 @publisher",
				"-- TypedEvent<Integer>, one-argument",
				"integers <- TypedEvent(7) #2 @publisher",
				"-- TypedEvent<Integer>, null type",
				"integers <- TypedEvent(8) #3 @publisher");
	}

	/**
	 * Null arguments fail with the exception type Spring gives. One deliberate difference in timing: Spring
	 * stores a {@code null} listener or bean name and fails with {@code IllegalArgumentException} at the next
	 * publish; ours throws that same exception type from the add call, where the mistake is. The trace records
	 * the first exception of "add, then publish" for those two calls, so both read alike.
	 */
	@Test
	void nullArgumentsFailWithTheSameExceptionTypes() {
		List<String> trace = assertParity((run) -> {
			ApplicationEventMulticaster multicaster = multicaster(run.context());
			Trace t = run.trace();
			attempt(t, multicaster, "multicastEvent(null)", () -> multicaster.multicastEvent(null));
			attempt(t, multicaster, "multicastEvent(null, type)",
					() -> multicaster.multicastEvent(null, ResolvableType.forClass(TestEvent.class)));
			attempt(t, multicaster, "addApplicationListener(null), then publish", () -> {
				multicaster.addApplicationListener(null);
				multicaster.multicastEvent(new TestEvent("after-null-listener"));
			});
			attempt(t, multicaster, "addApplicationListenerBean(null), then publish", () -> {
				multicaster.addApplicationListenerBean(null);
				multicaster.multicastEvent(new TestEvent("after-null-bean-name"));
			});
			attempt(t, multicaster, "removeApplicationListener(null)",
					() -> multicaster.removeApplicationListener(null));
			attempt(t, multicaster, "removeApplicationListenerBean(null)",
					() -> multicaster.removeApplicationListenerBean(null));
			attempt(t, multicaster, "removeApplicationListeners(null)",
					() -> multicaster.removeApplicationListeners(null));
			attempt(t, multicaster, "removeApplicationListenerBeans(null)",
					() -> multicaster.removeApplicationListenerBeans(null));
		});
		assertThat(trace).hasSize(8).allSatisfy((entry) -> assertThat(entry).contains(" -> "));
		assertThat(trace).contains("multicastEvent(null) -> java.lang.NullPointerException",
				"addApplicationListener(null), then publish -> java.lang.IllegalArgumentException",
				"removeApplicationListeners(null) -> java.lang.NullPointerException");
	}

	private static void attempt(Trace trace, ApplicationEventMulticaster multicaster, String call, Runnable action) {
		try {
			action.run();
			trace.note(call + " -> returns normally");
		}
		catch (RuntimeException ex) {
			trace.note(call + " -> " + ex.getClass().getName());
		}
		finally {
			multicaster.removeAllListeners();
		}
	}

	@Test
	void multicasterWithoutBeanFactoryFailsOnlyWhenItNeedsBeanNames() {
		List<String> trace = assertParity((run) -> {
			Trace t = run.trace();
			ApplicationEventMulticaster multicaster = BeanUtils.instantiateClass(run.subject().multicasterClass());
			multicaster.addApplicationListener(new OnTestEvent("instance", t));
			t.publish(() -> multicaster.multicastEvent(new TestEvent("instances-only")));
			multicaster.addApplicationListenerBean("someListener");
			t.publish(() -> multicaster.multicastEvent(new TestEvent("with-bean-name")));
			t.publish(() -> ((BeanFactoryAware) multicaster).setBeanFactory(new StaticListableBeanFactory()));
		});
		assertThat(trace).containsExactly("instance <- TestEvent(instances-only) #1 @publisher",
				"publisher caught java.lang.IllegalStateException: ApplicationEventMulticaster cannot "
						+ "retrieve listener beans because it is not associated with a BeanFactory "
						+ "(not thrown by a listener)",
				"publisher caught java.lang.IllegalStateException: Not running in a ConfigurableBeanFactory: "
						+ "org.springframework.beans.factory.support.StaticListableBeanFactory@<hash> "
						+ "(not thrown by a listener)");
	}

	@Test
	void listenerAddedTwiceIsInvokedOnce() {
		List<String> trace = assertParity((run) -> {
			ApplicationEventMulticaster multicaster = multicaster(run.context());
			OnTestEvent twice = new OnTestEvent("twice", run.trace());
			multicaster.addApplicationListener(twice);
			multicaster.addApplicationListener(new OnTestEvent("once", run.trace()));
			multicaster.addApplicationListener(twice);
			multicaster.addApplicationListenerBean("lonely");
			multicaster.addApplicationListenerBean("lonely");
			multicaster.multicastEvent(new TestEvent("a"));
		});
		assertThat(trace).containsExactly("twice <- TestEvent(a) #1 @publisher", "once <- TestEvent(a) #1 @publisher");
	}

	@Test
	void listenerRemovedAndAddedAgainMovesToTheEnd() {
		List<String> trace = assertParity((run) -> {
			ApplicationEventMulticaster multicaster = multicaster(run.context());
			OnTestEvent first = new OnTestEvent("first", run.trace());
			OnTestEvent second = new OnTestEvent("second", run.trace());
			OnTestEvent third = new OnTestEvent("third", run.trace());
			multicaster.addApplicationListener(first);
			multicaster.addApplicationListener(second);
			multicaster.addApplicationListener(third);
			multicaster.multicastEvent(new TestEvent("before"));
			multicaster.removeApplicationListener(first);
			multicaster.multicastEvent(new TestEvent("removed"));
			multicaster.addApplicationListener(first);
			multicaster.multicastEvent(new TestEvent("re-added"));
		});
		assertThat(trace).containsExactly(
				"first <- TestEvent(before) #1 @publisher",
				"second <- TestEvent(before) #1 @publisher",
				"third <- TestEvent(before) #1 @publisher",
				"second <- TestEvent(removed) #2 @publisher",
				"third <- TestEvent(removed) #2 @publisher",
				"second <- TestEvent(re-added) #3 @publisher",
				"third <- TestEvent(re-added) #3 @publisher",
				"first <- TestEvent(re-added) #2 @publisher");
	}

	@Test
	void listenerAddedDuringAMulticastOnlySeesLaterEvents() {
		List<String> trace = assertParity((run) -> {
			ApplicationEventMulticaster multicaster = multicaster(run.context());
			Trace t = run.trace();
			OnTestEvent latecomer = new OnTestEvent("latecomer", t);
			multicaster.addApplicationListener(new OnTestEvent("adding", t) {
				@Override
				public void onApplicationEvent(TestEvent event) {
					super.onApplicationEvent(event);
					multicaster.addApplicationListener(latecomer);
				}
			});
			multicaster.multicastEvent(new TestEvent("first"));
			multicaster.multicastEvent(new TestEvent("second"));
		});
		assertThat(trace).containsExactly("adding <- TestEvent(first) #1 @publisher",
				"adding <- TestEvent(second) #2 @publisher", "latecomer <- TestEvent(second) #1 @publisher");
	}

	@Test
	void listenerRemovedDuringAMulticastStillReceivesTheCurrentEvent() {
		List<String> trace = assertParity((run) -> {
			ApplicationEventMulticaster multicaster = multicaster(run.context());
			Trace t = run.trace();
			OnTestEvent removed = new OnTestEvent("removed", t);
			multicaster.addApplicationListener(new OnTestEvent("removing", t) {
				@Override
				public void onApplicationEvent(TestEvent event) {
					super.onApplicationEvent(event);
					multicaster.removeApplicationListener(removed);
				}
			});
			multicaster.addApplicationListener(removed);
			multicaster.multicastEvent(new TestEvent("first"));
			multicaster.multicastEvent(new TestEvent("second"));
		});
		assertThat(trace).containsExactly("removing <- TestEvent(first) #1 @publisher",
				"removed <- TestEvent(first) #1 @publisher", "removing <- TestEvent(second) #2 @publisher");
	}

	@Test
	void listenerBeanNameRemovedDuringAMulticastStillReceivesTheCurrentEvent() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(PrototypeConfig.class);
			ApplicationEventMulticaster multicaster = multicaster(context);
			multicaster.addApplicationListener(new OnTestEvent("removing", run.trace()) {
				@Override
				public void onApplicationEvent(TestEvent event) {
					super.onApplicationEvent(event);
					multicaster.removeApplicationListenerBean("prototypeListener");
				}
			});
			context.publishEvent(new TestEvent("first"));
			context.publishEvent(new TestEvent("second"));
		});
		assertThat(trace).containsExactly("removing <- TestEvent(first) #1 @publisher",
				"prototypeListener <- TestEvent(first) #1 @publisher", "removing <- TestEvent(second) #2 @publisher");
	}

	@Test
	void targetAddedAfterItsProxyIsRegisteredAsWell() {
		List<String> trace = assertParity((run) -> {
			ApplicationEventMulticaster multicaster = multicaster(run.context());
			OnTestEvent target = new OnTestEvent("target", run.trace());
			ProxyFactory proxyFactory = new ProxyFactory(target);
			proxyFactory.addInterface(ApplicationListener.class);
			multicaster.addApplicationListener((ApplicationListener<?>) proxyFactory.getProxy());
			multicaster.addApplicationListener(target);
			multicaster.multicastEvent(new TestEvent("a"));
		});
		assertThat(trace).containsExactly("target <- TestEvent(a) #1 @publisher",
				"target <- TestEvent(a) #2 @publisher");
	}

	@Test
	void predicateRemovalOfInstancesLeavesBeanNames() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(SingletonListenerBean.class);
			ApplicationEventMulticaster multicaster = multicaster(context);
			multicaster.addApplicationListener(new OnTestEvent("instance", run.trace()));
			context.publishEvent(new TestEvent("before"));
			multicaster.removeApplicationListeners((listener) -> true);
			context.publishEvent(new TestEvent("after"));
		});
		assertThat(trace).containsExactly(
				"singletonListenerBean <- TestEvent(before) #1 @publisher",
				"instance <- TestEvent(before) #1 @publisher",
				"singletonListenerBean <- TestEvent(after) #2 @publisher");
	}

	@Test
	void predicateRemovalOfBeanNamesLeavesInstances() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(SingletonListenerBean.class,
					PrototypeConfig.class);
			ApplicationEventMulticaster multicaster = multicaster(context);
			multicaster.addApplicationListener(new OnTestEvent("instance", run.trace()));
			context.publishEvent(new TestEvent("before"));
			multicaster.removeApplicationListenerBeans((name) -> true);
			context.publishEvent(new TestEvent("after"));
		});
		assertThat(trace).containsExactly(
				"singletonListenerBean <- TestEvent(before) #1 @publisher",
				"instance <- TestEvent(before) #1 @publisher",
				"prototypeListener <- TestEvent(before) #1 @publisher",
				"singletonListenerBean <- TestEvent(after) #2 @publisher",
				"instance <- TestEvent(after) #2 @publisher");
	}

	@Test
	void removeAllListenersClearsInstancesAndBeanNames() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(SingletonListenerBean.class,
					PrototypeConfig.class);
			ApplicationEventMulticaster multicaster = multicaster(context);
			multicaster.addApplicationListener(new OnTestEvent("instance", run.trace()));
			multicaster.removeAllListeners();
			context.publishEvent(new TestEvent("cleared"));
			multicaster.addApplicationListenerBean("prototypeListener");
			context.publishEvent(new TestEvent("bean-name-back"));
		});
		assertThat(trace).containsExactly("prototypeListener <- TestEvent(bean-name-back) #1 @publisher");
	}

	@Test
	void removingABeanNameKeepsTheSingletonInstanceRegisteredByTheDetector() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(SingletonListenerBean.class);
			ApplicationEventMulticaster multicaster = multicaster(context);
			String beanName = context.getBeanNamesForType(SingletonListenerBean.class)[0];
			multicaster.removeApplicationListenerBean(beanName);
			context.publishEvent(new TestEvent("name-removed"));
			multicaster.removeApplicationListener(context.getBean(SingletonListenerBean.class));
			context.publishEvent(new TestEvent("instance-removed"));
		});
		assertThat(trace).containsExactly("singletonListenerBean <- TestEvent(name-removed) #1 @publisher");
	}

	@Test
	void singletonListenerBeanArrivingAsInstanceAndBeanNameIsInvokedOnce() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.context(SingletonListenerBean.class);
			context.publishEvent(new TestEvent("a"));
			context.publishEvent(new TestEvent("b"));
		});
		assertThat(trace).containsExactly("singletonListenerBean <- TestEvent(a) #1 @publisher",
				"singletonListenerBean <- TestEvent(b) #2 @publisher");
	}

	@Test
	void listenersAddedToTheContextBeforeAndAfterRefreshAreInvoked() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.prepare(SingletonListenerBean.class);
			context.addApplicationListener(new OnAnyEvent("static", run.trace()));
			context.refresh();
			context.addApplicationListener(new OnTestEvent("late", run.trace()));
			context.publishEvent(new TestEvent("a"));
		});
		assertThat(trace).containsExactly("static <- ContextRefreshedEvent(context-1) #1 @publisher",
				"static <- TestEvent(a) #2 @publisher",
				"singletonListenerBean <- TestEvent(a) #1 @publisher",
				"late <- TestEvent(a) #1 @publisher",
				"static <- ContextClosedEvent(context-1) #3 @publisher");
	}

	@Test
	void jdkProxyAddedAfterItsTargetReplacesTheTarget() {
		List<String> trace = assertParity((run) -> {
			ApplicationEventMulticaster multicaster = multicaster(run.context());
			OnTestEvent target = new OnTestEvent("target", run.trace());
			ProxyFactory proxyFactory = new ProxyFactory(target);
			proxyFactory.addInterface(ApplicationListener.class);
			ApplicationListener<?> proxy = (ApplicationListener<?>) proxyFactory.getProxy();
			multicaster.addApplicationListener(new OnTestEvent("other", run.trace()));
			multicaster.addApplicationListener(target);
			multicaster.addApplicationListener(proxy);
			multicaster.multicastEvent(new TestEvent("a"));
			multicaster.removeApplicationListener(proxy);
			multicaster.multicastEvent(new TestEvent("proxy-removed"));
		});
		assertThat(trace).containsExactly("other <- TestEvent(a) #1 @publisher", "target <- TestEvent(a) #1 @publisher",
				"other <- TestEvent(proxy-removed) #2 @publisher");
	}

	@Test
	void cglibProxyAddedAfterItsTargetReplacesTheTarget() {
		List<String> trace = assertParity((run) -> {
			ApplicationEventMulticaster multicaster = multicaster(run.context());
			OnTestEvent target = new OnTestEvent("target", run.trace());
			ProxyFactory proxyFactory = new ProxyFactory(target);
			proxyFactory.setProxyTargetClass(true);
			ApplicationListener<?> proxy = (ApplicationListener<?>) proxyFactory.getProxy();
			multicaster.addApplicationListener(target);
			multicaster.addApplicationListener(proxy);
			multicaster.multicastEvent(new TestEvent("a"));
			run.trace().note("proxy is a CGLIB subclass: " + (proxy.getClass() != OnTestEvent.class
					&& OnTestEvent.class.isInstance(proxy)));
		});
		assertThat(trace).containsExactly("target <- TestEvent(a) #1 @publisher", "proxy is a CGLIB subclass: true");
	}

	@Test
	void targetRegisteredAsInstanceIsSwappedForItsProxyBean() {
		List<String> trace = assertParity((run) -> {
			AnnotationConfigApplicationContext context = run.prepare(LazyProxyConfig.class);
			OnTestEvent target = new OnTestEvent("proxiedTarget", run.trace());
			context.getBeanFactory().registerSingleton("targetHolder", new TargetHolder(target));
			context.addApplicationListener(target);
			context.refresh();
			context.publishEvent(new TestEvent("a"));
			context.publishEvent(new TestEvent("b"));
		});
		assertThat(trace).containsExactly("proxiedTarget <- TestEvent(a) #1 @publisher",
				"proxiedTarget <- TestEvent(b) #2 @publisher");
	}

	/** A singleton listener bean: reaches the multicaster as an instance (detector) and by name. */
	static class SingletonListenerBean extends RecordingListener<TestEvent> {

		SingletonListenerBean(Trace trace) {
			super("singletonListenerBean", trace);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PrototypeConfig {

		@Bean
		@org.springframework.context.annotation.Scope("prototype")
		OnTestEvent prototypeListener(Trace trace) {
			return new OnTestEvent("prototypeListener", trace);
		}

	}

	/** Hands the scenario's listener instance to {@link LazyProxyConfig} without being a listener bean. */
	record TargetHolder(OnTestEvent target) {
	}

	/**
	 * Declares a lazy singleton listener bean that is a JDK proxy of a target the scenario has already
	 * registered as a static listener: the proxy only appears when the multicaster resolves the bean name.
	 */
	@Configuration(proxyBeanMethods = false)
	static class LazyProxyConfig {

		@Bean
		@Lazy
		ApplicationListener<TestEvent> lazyProxy(TargetHolder holder) {
			ProxyFactory proxyFactory = new ProxyFactory(holder.target());
			proxyFactory.addInterface(ApplicationListener.class);
			@SuppressWarnings("unchecked")
			ApplicationListener<TestEvent> proxy = (ApplicationListener<TestEvent>) proxyFactory.getProxy();
			return proxy;
		}

	}

}
