package dev.lockfree.events.dispatch;

import java.lang.reflect.Method;

import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationListener;
import org.springframework.core.annotation.AnnotatedElementUtils;

import dev.lockfree.events.DispatchMode;
import dev.lockfree.events.ListenerDispatch;
import dev.lockfree.events.LockFreeEventOptions;
import dev.lockfree.events.invoke.MethodEventListener;

/**
 * Decides, once per route and listener, whether the listener runs on the publishing thread or on a lane.
 *
 * <p>In order, the first rule that applies wins:
 * <ol>
 * <li>a listener whose {@code supportsAsyncExecution()} is {@code false} (transactional listeners) is sync;</li>
 * <li>a framework event (its class, or for a {@code PayloadApplicationEvent} its payload's class, is in
 * {@code org.springframework.}) is sync unless an include rule names that class exactly;</li>
 * <li>{@link ListenerDispatch} on the listener method, else on the listener class;</li>
 * <li>an exclude pattern matching the routed type or a supertype: sync;</li>
 * <li>an include pattern matching the routed type or a supertype: async;</li>
 * <li>the mode.</li>
 * </ol>
 */
public final class AsyncRoutingPolicy {

	private static final String FRAMEWORK_PACKAGE = "org.springframework.";

	private final DispatchMode mode;

	private final TypePatterns include;

	private final TypePatterns exclude;

	public AsyncRoutingPolicy(LockFreeEventOptions options) {
		this.mode = options.mode();
		this.include = new TypePatterns(options.asyncInclude());
		this.exclude = new TypePatterns(options.asyncExclude());
	}

	/**
	 * Whether the listener goes to a lane for events routed by {@code routedType} (the event class, or the
	 * payload class of a payload event).
	 */
	public boolean isAsync(ApplicationListener<?> listener, Class<?> routedType) {
		if (!listener.supportsAsyncExecution()) {
			return false;
		}
		if (isFrameworkType(routedType)) {
			return this.include.namesExactly(routedType);
		}
		DispatchMode declared = declaredDispatch(listener);
		if (declared != null) {
			return declared == DispatchMode.ASYNC;
		}
		if (this.exclude.matches(routedType)) {
			return false;
		}
		if (this.include.matches(routedType)) {
			return true;
		}
		return this.mode == DispatchMode.ASYNC;
	}

	/** Whether events routed by this type stay on the publishing thread as framework events. */
	public static boolean isFrameworkType(Class<?> routedType) {
		return routedType.getName().startsWith(FRAMEWORK_PACKAGE);
	}

	private static DispatchMode declaredDispatch(ApplicationListener<?> listener) {
		if (listener instanceof MethodEventListener methodListener) {
			Method method = methodListener.getListenerMethod();
			ListenerDispatch onMethod = AnnotatedElementUtils.findMergedAnnotation(method, ListenerDispatch.class);
			if (onMethod != null) {
				return onMethod.value();
			}
			ListenerDispatch onClass = AnnotatedElementUtils
				.findMergedAnnotation(methodListener.getListenerTargetClass(), ListenerDispatch.class);
			return (onClass != null) ? onClass.value() : null;
		}
		ListenerDispatch onClass = AnnotatedElementUtils.findMergedAnnotation(AopUtils.getTargetClass(listener),
				ListenerDispatch.class);
		return (onClass != null) ? onClass.value() : null;
	}

}
