package dev.lockfree.events.invoke;

import java.lang.reflect.Method;

import org.springframework.context.event.ApplicationListenerMethodAdapter;

/**
 * An {@link ApplicationListenerMethodAdapter} that exposes its method and target class through
 * {@link MethodEventListener}; it behaves exactly like Spring's adapter.
 *
 * <p>Created by {@link FastEventListenerFactory} when fast invokers are switched off, and the base
 * class of {@link FastApplicationListenerMethodAdapter}.
 *
 * @see FastEventListenerFactory
 */
public class MethodEventListenerAdapter extends ApplicationListenerMethodAdapter implements MethodEventListener {

	private final String beanName;

	private final Class<?> targetClass;

	/**
	 * Create a new adapter.
	 * @param beanName the name of the bean to invoke the listener method on
	 * @param targetClass the target class that the method is declared on
	 * @param method the listener method to invoke
	 */
	public MethodEventListenerAdapter(String beanName, Class<?> targetClass, Method method) {
		super(beanName, targetClass, method);
		this.beanName = beanName;
		this.targetClass = targetClass;
	}

	@Override
	public Method getListenerMethod() {
		return getTargetMethod();
	}

	@Override
	public Class<?> getListenerTargetClass() {
		return this.targetClass;
	}

	@Override
	public String getListenerBeanName() {
		return this.beanName;
	}

}
