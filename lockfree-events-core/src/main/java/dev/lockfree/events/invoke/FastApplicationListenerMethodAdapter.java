package dev.lockfree.events.invoke;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.UndeclaredThrowableException;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ApplicationListenerMethodAdapter;
import org.springframework.core.BridgeMethodResolver;
import org.springframework.util.StringUtils;

/**
 * An {@link ApplicationListenerMethodAdapter} that calls its method through a spun lambda or a method
 * handle, on a singleton target looked up once, instead of looking the bean up and calling
 * {@link Method#invoke} for every event.
 *
 * <p>The fast path is taken only when it is provably equivalent to Spring's adapter: no
 * {@code condition}, a target bean that is a singleton of the method's declaring type, an invoker
 * for the method, an event whose argument can be chosen from classes alone, and a context that is
 * not closing. Everything else (conditions, prototype and other non-singleton beans, generic payload
 * types, type hints, argument mismatches) goes through {@link ApplicationListenerMethodAdapter}
 * unchanged. Without a condition and a return value, the fast path allocates nothing.
 *
 * <p>What a caller can observe is the same as with Spring's adapter: the singleton is looked up on
 * the first event it must handle (a lazy bean is created then, not earlier); an unchecked exception
 * from the method reaches the publisher as is, and a checked exception or an error is wrapped in an
 * {@link UndeclaredThrowableException} with Spring's message; return values are published by
 * {@link #handleResult(Object)}.
 *
 * @see FastEventListenerFactory
 */
public class FastApplicationListenerMethodAdapter extends MethodEventListenerAdapter {

	private static final Object UNRESOLVED = new Object();

	private static final Object NOT_CACHEABLE = new Object();

	private static final Object NULL_BEAN = new Object();

	private final String beanName;

	private final @Nullable ConfigurableApplicationContext context;

	private final @Nullable EventMethodInvoker invoker;

	private final Class<?> receiverType;

	private final @Nullable Class<?> parameterType;

	private final EventArgumentResolver argumentResolver;

	private volatile Object target = UNRESOLVED;

	private volatile boolean fastPathUsed;

	/**
	 * Create a new adapter. Without a context it cannot know whether its bean is a singleton, so it
	 * behaves exactly like {@link ApplicationListenerMethodAdapter}; {@link FastEventListenerFactory}
	 * passes its context.
	 * @param beanName the name of the bean to invoke the listener method on
	 * @param targetClass the target class that the method is declared on
	 * @param method the listener method to invoke
	 */
	public FastApplicationListenerMethodAdapter(String beanName, Class<?> targetClass, Method method) {
		this(beanName, targetClass, method, null);
	}

	/**
	 * Create a new adapter.
	 * @param beanName the name of the bean to invoke the listener method on
	 * @param targetClass the target class that the method is declared on
	 * @param method the listener method to invoke
	 * @param context the context holding the bean, used to tell singletons apart and to notice
	 * that it is closing; {@code null} to never take the fast path
	 */
	public FastApplicationListenerMethodAdapter(String beanName, Class<?> targetClass, Method method,
			@Nullable ConfigurableApplicationContext context) {
		this(beanName, targetClass, method, context, true);
	}

	FastApplicationListenerMethodAdapter(String beanName, Class<?> targetClass, Method method,
			@Nullable ConfigurableApplicationContext context, boolean preferLambda) {
		super(beanName, targetClass, method);
		Method invokedMethod = BridgeMethodResolver.findBridgedMethod(method);
		Method targetMethod = (!Proxy.isProxyClass(targetClass) ?
				AopUtils.getMostSpecificMethod(method, targetClass) : invokedMethod);
		this.beanName = beanName;
		this.context = context;
		this.receiverType = invokedMethod.getDeclaringClass();
		this.parameterType = (invokedMethod.getParameterCount() == 1 ? invokedMethod.getParameterTypes()[0] : null);
		this.argumentResolver = new EventArgumentResolver(method, targetMethod);
		boolean eligible = (context != null && !StringUtils.hasText(getCondition()));
		this.invoker = (eligible ? EventMethodInvokers.create(invokedMethod, preferLambda) : null);
	}


	@Override
	public void processEvent(ApplicationEvent event) {
		EventMethodInvoker invoker = this.invoker;
		ConfigurableApplicationContext context = this.context;
		if (invoker == null || context == null || context.isClosed()) {
			super.processEvent(event);
			return;
		}
		Object argument = this.argumentResolver.resolve(event);
		if (argument == EventArgumentResolver.NO_MATCH) {
			return;
		}
		if (argument == EventArgumentResolver.UNDECIDED || !fitsParameter(argument)) {
			// Spring resolves again and reports any mismatch itself: nothing observable happened yet
			super.processEvent(event);
			return;
		}
		Object target = this.target;
		if (target == UNRESOLVED) {
			target = resolveTarget(context);
		}
		if (target == NOT_CACHEABLE) {
			super.processEvent(event);
			return;
		}
		if (target == NULL_BEAN) {
			logger.trace("No result object given - no result to handle");
			return;
		}
		if (!this.fastPathUsed) {
			this.fastPathUsed = true;
		}
		Object result;
		try {
			result = invoker.invoke(target, (argument != EventArgumentResolver.NO_ARGUMENT ? argument : null));
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new UndeclaredThrowableException(ex, invocationErrorMessage(target, argument));
		}
		if (result != null) {
			handleResult(result);
		}
		else {
			logger.trace("No result object given - no result to handle");
		}
	}

	private boolean fitsParameter(Object argument) {
		Class<?> parameterType = this.parameterType;
		return (parameterType == null || argument == EventArgumentResolver.NO_ARGUMENT ||
				parameterType.isInstance(argument));
	}

	/**
	 * Look the bean up as Spring's adapter does and keep it if it is a singleton that the invoker
	 * can call. A non-singleton is not looked up here (Spring looks it up, once per event); nothing is
	 * kept when the lookup fails, so the next event looks it up again.
	 */
	private Object resolveTarget(ConfigurableApplicationContext context) {
		if (!context.isSingleton(this.beanName)) {
			this.target = NOT_CACHEABLE;
			return NOT_CACHEABLE;
		}
		Object bean = getTargetBean();
		if (bean.equals(null)) {
			// A null bean (NullBean equals null): Spring skips it on every event, so do we
			this.target = NOT_CACHEABLE;
			return NULL_BEAN;
		}
		Object resolved = (this.receiverType.isInstance(bean) ? bean : NOT_CACHEABLE);
		this.target = resolved;
		return resolved;
	}

	private String invocationErrorMessage(Object bean, Object argument) {
		StringBuilder message = new StringBuilder(
				getDetailedErrorMessage(bean, "Failed to invoke event listener method"));
		message.append("Resolved arguments: \n");
		if (argument != EventArgumentResolver.NO_ARGUMENT) {
			message.append("[0] [type=").append(argument.getClass().getName()).append("] ");
			message.append("[value=").append(argument).append("]\n");
		}
		return message.toString();
	}

	/**
	 * Whether the fast path has handled at least one event. For tests and diagnostics.
	 */
	boolean isFastPathUsed() {
		return this.fastPathUsed;
	}

	/**
	 * Return the kind of invoker used by the fast path, or {@code null} if there is none.
	 */
	EventMethodInvoker.@Nullable Kind getInvokerKind() {
		EventMethodInvoker invoker = this.invoker;
		return (invoker != null ? invoker.kind() : null);
	}

}
