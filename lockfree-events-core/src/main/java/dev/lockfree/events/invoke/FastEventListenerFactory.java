package dev.lockfree.events.invoke;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.DefaultEventListenerFactory;
import org.springframework.context.event.EventListenerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;

/**
 * {@link EventListenerFactory} for {@code @EventListener} methods whose listeners call the method
 * through a spun lambda or a method handle, on a singleton target looked up once
 * ({@link FastApplicationListenerMethodAdapter}), with the semantics of Spring's
 * {@link org.springframework.context.event.ApplicationListenerMethodAdapter}.
 *
 * <p>Declaring this factory as a bean is enough: {@code EventListenerMethodProcessor} asks every
 * {@link EventListenerFactory} bean, in order, and uses the first that supports a method. Its order,
 * {@link #ORDER}, puts it after {@code TransactionalEventListenerFactory} (order 50), which keeps
 * handling {@code @TransactionalEventListener}, and before {@link DefaultEventListenerFactory}.
 * Declare the {@code @Bean} method {@code static}: the factory is looked up while bean factory
 * post-processors run.
 *
 * <p>With fast invokers switched off, it still creates listeners that expose their method through
 * {@link MethodEventListener} ({@link MethodEventListenerAdapter}), which behave exactly like Spring's.
 *
 * @see FastApplicationListenerMethodAdapter
 */
public class FastEventListenerFactory implements EventListenerFactory, Ordered, ApplicationContextAware {

	/** The default order: just before {@link DefaultEventListenerFactory}. */
	public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 1;

	private static final String TRANSACTIONAL_EVENT_LISTENER =
			"org.springframework.transaction.event.TransactionalEventListener";

	private final boolean fastInvokers;

	private final boolean preferLambda;

	private int order = ORDER;

	private @Nullable ConfigurableApplicationContext applicationContext;

	/**
	 * Create a factory with fast invokers switched on.
	 */
	public FastEventListenerFactory() {
		this(true);
	}

	/**
	 * Create a factory.
	 * @param fastInvokers whether listeners may call their method through a fast invoker; when
	 * {@code false} they always behave like Spring's adapter
	 */
	public FastEventListenerFactory(boolean fastInvokers) {
		this(fastInvokers, true);
	}

	/**
	 * Create a factory, choosing the kind of invoker (for tests and measurements).
	 * @param fastInvokers whether listeners may call their method through a fast invoker
	 * @param preferLambda whether to spin a lambda class per method ({@code true}) or to use only
	 * method handles
	 */
	FastEventListenerFactory(boolean fastInvokers, boolean preferLambda) {
		this.fastInvokers = fastInvokers;
		this.preferLambda = preferLambda;
	}

	/**
	 * Set the order of this factory among the {@link EventListenerFactory} beans.
	 * @param order the order, {@link #ORDER} by default
	 */
	public void setOrder(int order) {
		this.order = order;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	/**
	 * Return whether the listeners this factory creates may use fast invokers.
	 * @return whether fast invokers are switched on
	 */
	public boolean isFastInvokers() {
		return this.fastInvokers;
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.applicationContext = (applicationContext instanceof ConfigurableApplicationContext configurable ?
				configurable : null);
	}

	/**
	 * Supports every {@code @EventListener} method except {@code @TransactionalEventListener} ones,
	 * which stay with Spring's transactional adapter even if this factory is ordered first.
	 */
	@Override
	public boolean supportsMethod(Method method) {
		return !MergedAnnotations.from(method, SearchStrategy.TYPE_HIERARCHY).isPresent(TRANSACTIONAL_EVENT_LISTENER);
	}

	@Override
	public ApplicationListener<?> createApplicationListener(String beanName, Class<?> type, Method method) {
		if (this.fastInvokers && this.applicationContext != null) {
			return new FastApplicationListenerMethodAdapter(beanName, type, method, this.applicationContext,
					this.preferLambda);
		}
		return new MethodEventListenerAdapter(beanName, type, method);
	}

}
