package dev.lockfree.events.dispatch;

import java.lang.reflect.AnnotatedElement;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jctools.maps.NonBlockingHashMap;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationListener;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

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

	private static final Log logger = LogFactory.getLog(AsyncRoutingPolicy.class);

	private static final String FRAMEWORK_PACKAGE = "org.springframework.";

	private final DispatchMode mode;

	private final TypePatterns include;

	private final TypePatterns exclude;

	/**
	 * {@link ListenerDispatch} found per listener method or class ({@link #NOT_DECLARED} when none): the scan of
	 * annotations runs once per method or class, not once per route a listener joins.
	 */
	private final NonBlockingHashMap<AnnotatedElement, Object> declared = new NonBlockingHashMap<>();

	private static final Object NOT_DECLARED = new Object();

	public AsyncRoutingPolicy(LockFreeEventOptions options) {
		this(options, null);
	}

	/**
	 * A policy for the given options. Logs a WARN, once here, for every include or exclude pattern that names
	 * a class the class loader cannot find: such a pattern matches nothing (package patterns cannot be checked).
	 * @param classLoader where event classes come from, or {@code null} for the default class loader
	 */
	public AsyncRoutingPolicy(LockFreeEventOptions options, ClassLoader classLoader) {
		this.mode = options.mode();
		this.include = new TypePatterns(options.asyncInclude());
		this.exclude = new TypePatterns(options.asyncExclude());
		warnAboutMissingClasses("async.include", this.include, classLoader);
		warnAboutMissingClasses("async.exclude", this.exclude, classLoader);
	}

	private static void warnAboutMissingClasses(String option, TypePatterns patterns, ClassLoader classLoader) {
		for (String className : patterns.classNames()) {
			if (!ClassUtils.isPresent(className, classLoader)) {
				logger.warn("lockfree.events." + option + " names the class '" + className
						+ "', which is not on the classpath: the pattern matches no event. Check its spelling, "
						+ "or use a package pattern such as '" + packagePattern(className) + "'");
			}
		}
	}

	private static String packagePattern(String className) {
		int lastDot = className.lastIndexOf('.');
		return (lastDot > 0) ? className.substring(0, lastDot) + ".*" : className + ".*";
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

	private DispatchMode declaredDispatch(ApplicationListener<?> listener) {
		if (listener instanceof MethodEventListener methodListener) {
			DispatchMode onMethod = declaredOn(methodListener.getListenerMethod());
			return (onMethod != null) ? onMethod : declaredOn(methodListener.getListenerTargetClass());
		}
		return declaredOn(AopUtils.getTargetClass(listener));
	}

	private DispatchMode declaredOn(AnnotatedElement element) {
		Object known = this.declared.get(element);
		if (known == null) {
			ListenerDispatch annotation = AnnotatedElementUtils.findMergedAnnotation(element, ListenerDispatch.class);
			known = (annotation != null) ? annotation.value() : NOT_DECLARED;
			// Racing threads find the same annotation: whichever value lands is right.
			this.declared.put(element, known);
		}
		return (known != NOT_DECLARED) ? (DispatchMode) known : null;
	}

}
