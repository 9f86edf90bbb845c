package dev.lockfree.events.invoke;

/**
 * The functional interfaces that {@link EventMethodInvokers} implements with
 * {@link java.lang.invoke.LambdaMetafactory}, one per method shape.
 *
 * <p>They are public because the spun classes live beside the user's class, in the user's
 * package; they are not part of the API.
 */
final class LambdaShapes {

	private LambdaShapes() {
	}


	/** A {@code void} method taking the event. */
	@FunctionalInterface
	public interface VoidWithArgument {

		void call(Object target, Object argument) throws Throwable;

	}


	/** A {@code void} method without parameters. */
	@FunctionalInterface
	public interface VoidWithoutArgument {

		void call(Object target) throws Throwable;

	}


	/** A method returning a value, taking the event. */
	@FunctionalInterface
	public interface ResultWithArgument {

		Object call(Object target, Object argument) throws Throwable;

	}


	/** A method returning a value, without parameters. */
	@FunctionalInterface
	public interface ResultWithoutArgument {

		Object call(Object target) throws Throwable;

	}

}
