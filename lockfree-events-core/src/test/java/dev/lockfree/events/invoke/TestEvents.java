package dev.lockfree.events.invoke;

import org.springframework.context.ApplicationEvent;
import org.springframework.core.ResolvableType;
import org.springframework.core.ResolvableTypeProvider;

/**
 * Events and payloads published by the tests.
 */
final class TestEvents {

	private TestEvents() {
	}


	@SuppressWarnings("serial")
	static class TestEvent extends ApplicationEvent {

		TestEvent(String source) {
			super(source);
		}

	}


	@SuppressWarnings("serial")
	static class OtherEvent extends ApplicationEvent {

		OtherEvent(String source) {
			super(source);
		}

	}


	/** An application event whose generic type comes from its value. */
	@SuppressWarnings("serial")
	static class GenericEvent<T> extends ApplicationEvent implements ResolvableTypeProvider {

		private final T value;

		GenericEvent(String source, T value) {
			super(source);
			this.value = value;
		}

		@Override
		public ResolvableType getResolvableType() {
			return ResolvableType.forClassWithGenerics(getClass(), ResolvableType.forInstance(this.value));
		}

		@Override
		public String toString() {
			return "GenericEvent[" + this.value + "]";
		}

	}


	/** A payload whose generic type comes from its value. */
	record GenericPayload<T>(T value) implements ResolvableTypeProvider {

		@Override
		public ResolvableType getResolvableType() {
			return ResolvableType.forClassWithGenerics(getClass(), ResolvableType.forInstance(this.value));
		}

	}


	record Greeting(String text) {
	}

	record Reply(String text) {
	}

	record Request(String kind) {
	}

	record Failure(String kind) {
	}

}
