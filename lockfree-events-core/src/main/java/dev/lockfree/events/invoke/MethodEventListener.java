package dev.lockfree.events.invoke;

/** A listener backed by an annotated method. */
public interface MethodEventListener {

	/** The user's listener method (on the target class, most specific). */
	java.lang.reflect.Method getListenerMethod();

	/** The class declaring/holding the method (the bean's target class). */
	Class<?> getListenerTargetClass();

}
