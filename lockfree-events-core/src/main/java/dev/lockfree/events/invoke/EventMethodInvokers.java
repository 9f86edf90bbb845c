package dev.lockfree.events.invoke;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.KotlinDetector;

/**
 * Creates {@link EventMethodInvoker}s: a class spun by {@link LambdaMetafactory} when the JVM allows
 * one, else an adapted {@link MethodHandle}, else nothing (the caller then keeps using reflection).
 *
 * <p>Both kinds need a lookup with private access to the method's declaring class
 * ({@link MethodHandles#privateLookupIn}); that is granted on the class path and for packages opened
 * to this library. The spun class is defined as a nestmate of the declaring class, so it can call
 * private and package-private methods, and holds no reference to a target object.
 */
final class EventMethodInvokers {

	private static final Log logger = LogFactory.getLog(EventMethodInvokers.class);

	private static final MethodType GENERIC_WITH_ARGUMENT = MethodType.methodType(Object.class, Object.class,
			Object.class);

	private EventMethodInvokers() {
	}

	/**
	 * Create an invoker for the given listener method.
	 * @param method the method, already resolved from any bridge method
	 * @param preferLambda whether to try {@link LambdaMetafactory} before a plain method handle
	 * @return an invoker, or {@code null} if the method cannot be called this way
	 */
	static @Nullable EventMethodInvoker create(Method method, boolean preferLambda) {
		if (!isSupported(method)) {
			return null;
		}
		MethodHandles.Lookup lookup;
		MethodHandle handle;
		try {
			lookup = MethodHandles.privateLookupIn(method.getDeclaringClass(), MethodHandles.lookup());
			handle = lookup.unreflect(method);
		}
		catch (Throwable ex) {
			rethrowIfFatal(ex);
			if (logger.isDebugEnabled()) {
				logger.debug("No fast invoker for " + method + ", using reflection: " + ex);
			}
			return null;
		}
		if (preferLambda) {
			try {
				return createLambda(lookup, handle, method);
			}
			catch (Throwable ex) {
				rethrowIfFatal(ex);
				if (logger.isDebugEnabled()) {
					logger.debug("No lambda invoker for " + method + ", using a method handle: " + ex);
				}
			}
		}
		try {
			return createMethodHandle(handle, method);
		}
		catch (Throwable ex) {
			rethrowIfFatal(ex);
			if (logger.isDebugEnabled()) {
				logger.debug("No method handle invoker for " + method + ", using reflection: " + ex);
			}
			return null;
		}
	}

	/**
	 * Any failure to build an invoker (module access, class definition, an image without runtime
	 * class definition) only means the listener keeps using reflection; running out of memory or
	 * stack does not.
	 */
	private static void rethrowIfFatal(Throwable ex) {
		if (ex instanceof VirtualMachineError error) {
			throw error;
		}
	}

	/**
	 * Whether the method has a shape the invokers handle: an instance method with at most one
	 * parameter of a reference type, not a Kotlin suspending function.
	 */
	static boolean isSupported(Method method) {
		if (Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 1) {
			return false;
		}
		if (method.getParameterCount() == 1 && method.getParameterTypes()[0].isPrimitive()) {
			return false;
		}
		return !KotlinDetector.isSuspendingFunction(method);
	}

	private static EventMethodInvoker createLambda(MethodHandles.Lookup lookup, MethodHandle handle, Method method)
			throws Throwable {
		boolean hasArgument = (method.getParameterCount() == 1);
		boolean hasResult = (method.getReturnType() != void.class);
		Class<?> shape = (hasResult ?
				(hasArgument ? LambdaShapes.ResultWithArgument.class : LambdaShapes.ResultWithoutArgument.class) :
				(hasArgument ? LambdaShapes.VoidWithArgument.class : LambdaShapes.VoidWithoutArgument.class));
		Class<?> returnType = (hasResult ? Object.class : void.class);
		MethodType erased = (hasArgument ? MethodType.methodType(returnType, Object.class, Object.class) :
				MethodType.methodType(returnType, Object.class));
		MethodType instantiated = (hasArgument ?
				MethodType.methodType(returnType, method.getDeclaringClass(), method.getParameterTypes()[0]) :
				MethodType.methodType(returnType, method.getDeclaringClass()));
		CallSite site = LambdaMetafactory.metafactory(lookup, "call", MethodType.methodType(shape), erased, handle,
				instantiated);
		Object function = site.getTarget().invoke();
		if (function instanceof LambdaShapes.VoidWithArgument call) {
			return new VoidWithArgumentInvoker(call);
		}
		if (function instanceof LambdaShapes.VoidWithoutArgument call) {
			return new VoidWithoutArgumentInvoker(call);
		}
		if (function instanceof LambdaShapes.ResultWithArgument call) {
			return new ResultWithArgumentInvoker(call);
		}
		return new ResultWithoutArgumentInvoker((LambdaShapes.ResultWithoutArgument) function);
	}

	private static EventMethodInvoker createMethodHandle(MethodHandle handle, Method method) {
		MethodHandle adapted = handle;
		if (method.getParameterCount() == 0) {
			adapted = MethodHandles.dropArguments(adapted, 1, Object.class);
		}
		return new MethodHandleInvoker(adapted.asType(GENERIC_WITH_ARGUMENT));
	}


	private static final class MethodHandleInvoker implements EventMethodInvoker {

		private final MethodHandle handle;

		MethodHandleInvoker(MethodHandle handle) {
			this.handle = handle;
		}

		@Override
		public @Nullable Object invoke(Object target, @Nullable Object argument) throws Throwable {
			return (Object) this.handle.invokeExact(target, argument);
		}

		@Override
		public Kind kind() {
			return Kind.METHOD_HANDLE;
		}

	}


	private static final class VoidWithArgumentInvoker implements EventMethodInvoker {

		private final LambdaShapes.VoidWithArgument call;

		VoidWithArgumentInvoker(LambdaShapes.VoidWithArgument call) {
			this.call = call;
		}

		@Override
		public @Nullable Object invoke(Object target, @Nullable Object argument) throws Throwable {
			this.call.call(target, argument);
			return null;
		}

		@Override
		public Kind kind() {
			return Kind.LAMBDA;
		}

	}


	private static final class VoidWithoutArgumentInvoker implements EventMethodInvoker {

		private final LambdaShapes.VoidWithoutArgument call;

		VoidWithoutArgumentInvoker(LambdaShapes.VoidWithoutArgument call) {
			this.call = call;
		}

		@Override
		public @Nullable Object invoke(Object target, @Nullable Object argument) throws Throwable {
			this.call.call(target);
			return null;
		}

		@Override
		public Kind kind() {
			return Kind.LAMBDA;
		}

	}


	private static final class ResultWithArgumentInvoker implements EventMethodInvoker {

		private final LambdaShapes.ResultWithArgument call;

		ResultWithArgumentInvoker(LambdaShapes.ResultWithArgument call) {
			this.call = call;
		}

		@Override
		public @Nullable Object invoke(Object target, @Nullable Object argument) throws Throwable {
			return this.call.call(target, argument);
		}

		@Override
		public Kind kind() {
			return Kind.LAMBDA;
		}

	}


	private static final class ResultWithoutArgumentInvoker implements EventMethodInvoker {

		private final LambdaShapes.ResultWithoutArgument call;

		ResultWithoutArgumentInvoker(LambdaShapes.ResultWithoutArgument call) {
			this.call = call;
		}

		@Override
		public @Nullable Object invoke(Object target, @Nullable Object argument) throws Throwable {
			return this.call.call(target);
		}

		@Override
		public Kind kind() {
			return Kind.LAMBDA;
		}

	}

}
