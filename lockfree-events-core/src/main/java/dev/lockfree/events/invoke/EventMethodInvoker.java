package dev.lockfree.events.invoke;

import org.jspecify.annotations.Nullable;

/**
 * Calls one listener method on a target object without {@link java.lang.reflect.Method#invoke}:
 * no argument array, no wrapping of the exceptions the method throws.
 *
 * @see EventMethodInvokers
 */
interface EventMethodInvoker {

	/**
	 * Call the method.
	 * @param target the object to call the method on, an instance of the method's declaring class
	 * @param argument the event argument, an instance of the parameter type (ignored for a method
	 * without parameters)
	 * @return what the method returned ({@code null} for a {@code void} method)
	 * @throws Throwable exactly what the method threw
	 */
	@Nullable Object invoke(Object target, @Nullable Object argument) throws Throwable;

	/**
	 * Return how this invoker calls the method, for diagnostics and tests.
	 * @return the kind of invoker
	 */
	Kind kind();


	/**
	 * How an invoker reaches the method.
	 */
	enum Kind {

		/** A class spun by {@link java.lang.invoke.LambdaMetafactory} that calls the method directly. */
		LAMBDA,

		/** A {@link java.lang.invoke.MethodHandle} adapted to a generic signature. */
		METHOD_HANDLE

	}

}
