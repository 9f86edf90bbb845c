package dev.lockfree.events.invoke;

import java.lang.reflect.Method;

/**
 * A listener backed by an annotated method.
 *
 * <p>Implemented by the listeners that {@link FastEventListenerFactory} creates for
 * {@code @EventListener} methods, so that dispatch code can read annotations (such as
 * {@link dev.lockfree.events.ListenerDispatch @ListenerDispatch}) from the user's method.
 *
 * @see FastEventListenerFactory
 */
public interface MethodEventListener {

	/**
	 * Return the user's listener method (on the target class, most specific).
	 * @return the listener method
	 */
	Method getListenerMethod();

	/**
	 * Return the class declaring/holding the method (the bean's target class).
	 * @return the target class
	 */
	Class<?> getListenerTargetClass();

	/**
	 * Return the name of the bean whose method this is.
	 * @return the bean name
	 */
	String getListenerBeanName();

}
