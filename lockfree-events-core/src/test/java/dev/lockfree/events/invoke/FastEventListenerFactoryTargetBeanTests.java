package dev.lockfree.events.invoke;

import java.util.List;
import java.util.Map;

import dev.lockfree.events.invoke.TestEvents.Greeting;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.context.event.ApplicationListenerMethodAdapter;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.event.TransactionalApplicationListenerMethodAdapter;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.event.TransactionalEventListenerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential tests over the kinds of bean a listener method can live on: visibility, proxies,
 * interface methods, scopes, laziness, null beans, transactional listeners.
 */
class FastEventListenerFactoryTargetBeanTests {

	@Test
	void methodsOfEveryVisibilityOnClassesOfEveryVisibilityTakeTheFastPath() {
		try (DifferentialContexts contexts = DifferentialContexts.of(PublicListener.class,
				PackagePrivateListener.class, PrivateListener.class)) {
			contexts.publish(new Greeting("hello"));
			assertThat(contexts.assertSameTrace()).hasSize(12);
			Map<String, ApplicationListenerMethodAdapter> listeners = DifferentialContexts.methodListeners(contexts.fast);
			assertThat(listeners).hasSize(12);
			assertThat(listeners.values()).allSatisfy((adapter) -> {
				FastApplicationListenerMethodAdapter fast = (FastApplicationListenerMethodAdapter) adapter;
				assertThat(fast.getInvokerKind()).isEqualTo(EventMethodInvoker.Kind.LAMBDA);
				assertThat(fast.isFastPathUsed()).isTrue();
			});
		}
	}

	@Test
	void jdkProxiedBeansAreCalledThroughTheirProxy() {
		try (DifferentialContexts contexts = DifferentialContexts.of(JdkProxiedListener.class, ProxyingPostProcessor.class)) {
			contexts.publish(new Greeting("hello"));
			assertThat(contexts.assertSameTrace()).containsExactly("intercepted onGreeting@" + thread(),
					"JdkProxiedListener.onGreeting(Greeting:Greeting[text=hello])@" + thread());
			assertThat(contexts.fastAdapter("onGreeting").isFastPathUsed()).isTrue();
		}
	}

	@Test
	void cglibProxiedBeansAreCalledThroughTheirProxy() {
		try (DifferentialContexts contexts = DifferentialContexts.of(CglibProxiedListener.class,
				ProxyingPostProcessor.class)) {
			assertThat(contexts.publish(new Greeting("hello"))).containsOnlyNulls();
			assertThat(contexts.assertSameTrace()).containsExactlyInAnyOrder("intercepted publicMethod@" + thread(),
					"CglibProxiedListener.publicMethod(Greeting:Greeting[text=hello])@" + thread(),
					"intercepted packagePrivateMethod@" + thread(),
					"CglibProxiedListener.packagePrivateMethod(Greeting:Greeting[text=hello])@" + thread());
			assertThat(contexts.fastAdapter("publicMethod").isFastPathUsed()).isTrue();
			assertThat(contexts.fastAdapter("packagePrivateMethod").isFastPathUsed()).isTrue();
		}
	}

	@Test
	void methodsDeclaredOnInterfacesAreFound() {
		try (DifferentialContexts contexts = DifferentialContexts.of(InterfaceListener.class)) {
			contexts.publish(new Greeting("hello"));
			assertThat(contexts.assertSameTrace()).containsExactlyInAnyOrder(
					"InterfaceListener.onGreeting(Greeting:Greeting[text=hello])@" + thread(),
					"GreetingDefaults.onGreetingByDefault(Greeting:Greeting[text=hello])@" + thread());
			assertThat(contexts.fastAdapter("onGreeting").isFastPathUsed()).isTrue();
			assertThat(contexts.fastAdapter("onGreetingByDefault").isFastPathUsed()).isTrue();
		}
	}

	@Test
	void prototypeBeansAreFetchedForEveryEvent() {
		try (DifferentialContexts contexts = DifferentialContexts.of(
				(context) -> context.registerBean("definedPrototype", CountingListener.class,
						(definition) -> definition.setScope(BeanDefinition.SCOPE_PROTOTYPE)),
				PrototypeListener.class)) {
			contexts.publish(new Greeting("one"));
			contexts.publish(new Greeting("two"));
			List<String> trace = contexts.assertSameTrace();
			assertThat(trace).filteredOn((entry) -> entry.startsWith("created")).hasSize(4);
			assertThat(contexts.fastAdapter("onPrototypeGreeting").isFastPathUsed()).isFalse();
			assertThat(contexts.fastAdapter("onCountedGreeting").isFastPathUsed()).isFalse();
		}
	}

	@Test
	void scopedProxiesReachANewTargetForEveryEvent() {
		try (DifferentialContexts contexts = DifferentialContexts.of(ScopedProxyListener.class)) {
			contexts.publish(new Greeting("one"));
			contexts.publish(new Greeting("two"));
			List<String> trace = contexts.assertSameTrace();
			assertThat(trace).filteredOn((entry) -> entry.startsWith("created ScopedProxyListener")).hasSize(2);
			assertThat(contexts.fastAdapter("onScopedGreeting").isFastPathUsed()).isTrue();
		}
	}

	@Test
	void lazySingletonsAreCreatedByTheFirstEventTheyHandle() {
		try (DifferentialContexts contexts = DifferentialContexts.of(LazyListener.class)) {
			assertThat(contexts.springTrace()).isEmpty();
			assertThat(contexts.fastTrace()).isEmpty();
			contexts.publish("not a greeting");
			assertThat(contexts.fastTrace()).isEmpty();
			contexts.publish(new Greeting("one"));
			contexts.publish(new Greeting("two"));
			assertThat(contexts.assertSameTrace()).filteredOn((entry) -> entry.startsWith("created")).hasSize(1);
			assertThat(contexts.fastAdapter("onLazyGreeting").isFastPathUsed()).isTrue();
		}
	}

	@Test
	void transactionalListenersStayWithSpringsTransactionalAdapter() {
		try (DifferentialContexts contexts = DifferentialContexts.of(
				(context) -> context.registerBean(TransactionalEventListenerFactory.class),
				TransactionalListener.class)) {
			ApplicationListener<?> transactional = transactionalListener(contexts.fast);
			assertThat(transactional).isExactlyInstanceOf(TransactionalApplicationListenerMethodAdapter.class);
			assertThat(transactional.supportsAsyncExecution()).isFalse()
				.isEqualTo(transactionalListener(contexts.spring).supportsAsyncExecution());
			assertThat(contexts.fastAdapter("onPlainGreeting").supportsAsyncExecution()).isTrue();
		}
	}

	@Test
	void transactionalListenersAreNeverClaimedEvenIfTheFactoryComesFirst() throws Exception {
		FastEventListenerFactory factory = new FastEventListenerFactory();
		factory.setOrder(0);
		assertThat(factory.supportsMethod(TransactionalListener.class.getDeclaredMethod("onGreeting", Greeting.class)))
			.isFalse();
		assertThat(factory.supportsMethod(TransactionalListener.class.getDeclaredMethod("onPlainGreeting", Greeting.class)))
			.isTrue();
	}

	private static ApplicationListener<?> transactionalListener(org.springframework.context.ApplicationContext context) {
		return ((org.springframework.context.support.AbstractApplicationContext) context).getApplicationListeners()
			.stream()
			.filter((listener) -> listener instanceof ApplicationListenerMethodAdapter adapter &&
					adapter.getTargetMethod().getName().equals("onGreeting"))
			.findFirst()
			.orElseThrow();
	}

	private static String thread() {
		return Thread.currentThread().getName();
	}


	static class PackagePrivateListener {

		private final EventTrace trace;

		PackagePrivateListener(EventTrace trace) {
			this.trace = trace;
		}

		@EventListener
		public void publicMethod(Greeting greeting) {
			this.trace.record("PackagePrivateListener.publicMethod", greeting);
		}

		@EventListener
		protected void protectedMethod(Greeting greeting) {
			this.trace.record("PackagePrivateListener.protectedMethod", greeting);
		}

		@EventListener
		void packagePrivateMethod(Greeting greeting) {
			this.trace.record("PackagePrivateListener.packagePrivateMethod", greeting);
		}

		@EventListener
		private void privateMethod(Greeting greeting) {
			this.trace.record("PackagePrivateListener.privateMethod", greeting);
		}

	}


	private static final class PrivateListener {

		private final EventTrace trace;

		private PrivateListener(EventTrace trace) {
			this.trace = trace;
		}

		@EventListener
		public void publicMethod(Greeting greeting) {
			this.trace.record("PrivateListener.publicMethod", greeting);
		}

		@EventListener
		void packagePrivateMethod(Greeting greeting) {
			this.trace.record("PrivateListener.packagePrivateMethod", greeting);
		}

		@EventListener
		private void privateMethod(Greeting greeting) {
			this.trace.record("PrivateListener.privateMethod", greeting);
		}

		@EventListener
		private void privateMethodWithoutArgument(Greeting greeting) {
			this.trace.record("PrivateListener.privateMethodWithoutArgument", greeting);
		}

	}


	interface GreetingListener {

		@EventListener
		void onGreeting(Greeting greeting);

	}


	/** Marks beans that {@link ProxyingPostProcessor} proxies. */
	interface Proxied {

	}


	static class JdkProxiedListener implements GreetingListener, Proxied {

		private final EventTrace trace;

		JdkProxiedListener(EventTrace trace) {
			this.trace = trace;
		}

		@Override
		public void onGreeting(Greeting greeting) {
			this.trace.record("JdkProxiedListener.onGreeting", greeting);
		}

	}


	static class CglibProxiedListener {

		private final EventTrace trace;

		CglibProxiedListener(EventTrace trace) {
			this.trace = trace;
		}

		@EventListener
		public void publicMethod(Greeting greeting) {
			this.trace.record("CglibProxiedListener.publicMethod", greeting);
		}

		@EventListener
		void packagePrivateMethod(Greeting greeting) {
			this.trace.record("CglibProxiedListener.packagePrivateMethod", greeting);
		}

	}


	/** Wraps {@link Proxied} beans in a JDK proxy and {@link CglibProxiedListener}s in a CGLIB one. */
	static class ProxyingPostProcessor implements BeanPostProcessor {

		private final org.springframework.beans.factory.ObjectProvider<EventTrace> trace;

		ProxyingPostProcessor(org.springframework.beans.factory.ObjectProvider<EventTrace> trace) {
			this.trace = trace;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (!(bean instanceof Proxied) && !(bean instanceof CglibProxiedListener)) {
				return bean;
			}
			ProxyFactory proxyFactory = new ProxyFactory(bean);
			if (bean instanceof Proxied) {
				proxyFactory.setInterfaces(GreetingListener.class, Proxied.class);
			}
			else {
				proxyFactory.setProxyTargetClass(true);
			}
			proxyFactory.addAdvice((MethodInterceptor) (invocation) -> {
				this.trace.getObject().record("intercepted " + invocation.getMethod().getName());
				return invocation.proceed();
			});
			return proxyFactory.getProxy(getClass().getClassLoader());
		}

	}


	interface GreetingDefaults {

		EventTrace trace();

		@EventListener
		default void onGreetingByDefault(Greeting greeting) {
			trace().record("GreetingDefaults.onGreetingByDefault", greeting);
		}

	}


	static class InterfaceListener implements GreetingListener, GreetingDefaults {

		private final EventTrace trace;

		InterfaceListener(EventTrace trace) {
			this.trace = trace;
		}

		@Override
		public EventTrace trace() {
			return this.trace;
		}

		@Override
		public void onGreeting(Greeting greeting) {
			this.trace.record("InterfaceListener.onGreeting", greeting);
		}

	}


	@Scope("prototype")
	static class PrototypeListener {

		private final EventTrace trace;

		PrototypeListener(EventTrace trace) {
			this.trace = trace;
			trace.record("created PrototypeListener");
		}

		@EventListener
		void onPrototypeGreeting(Greeting greeting) {
			this.trace.record("PrototypeListener.onPrototypeGreeting", greeting);
		}

	}


	static class CountingListener {

		private final EventTrace trace;

		CountingListener(EventTrace trace) {
			this.trace = trace;
			trace.record("created CountingListener");
		}

		@EventListener
		void onCountedGreeting(Greeting greeting) {
			this.trace.record("CountingListener.onCountedGreeting", greeting);
		}

	}


	@Scope(value = "prototype", proxyMode = ScopedProxyMode.TARGET_CLASS)
	static class ScopedProxyListener {

		private final EventTrace trace;

		ScopedProxyListener(EventTrace trace) {
			this.trace = trace;
			trace.record("created ScopedProxyListener");
		}

		@EventListener
		void onScopedGreeting(Greeting greeting) {
			this.trace.record("ScopedProxyListener.onScopedGreeting", greeting);
		}

	}


	@Lazy
	static class LazyListener {

		private final EventTrace trace;

		LazyListener(EventTrace trace) {
			this.trace = trace;
			trace.record("created LazyListener");
		}

		@EventListener
		void onLazyGreeting(Greeting greeting) {
			this.trace.record("LazyListener.onLazyGreeting", greeting);
		}

	}


	static class TransactionalListener {

		@TransactionalEventListener
		void onGreeting(Greeting greeting) {
		}

		@EventListener
		void onPlainGreeting(Greeting greeting) {
		}

	}

}
