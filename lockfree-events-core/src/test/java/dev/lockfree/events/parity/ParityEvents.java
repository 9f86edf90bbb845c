package dev.lockfree.events.parity;

import org.springframework.context.ApplicationEvent;
import org.springframework.core.ResolvableType;
import org.springframework.core.ResolvableTypeProvider;

/**
 * Event types shared by the parity scenarios. Each describes itself with a stable {@code toString()}.
 */
final class ParityEvents {

	private ParityEvents() {
	}

	/** A plain application event, by default with its name as (String) source. */
	static class TestEvent extends ApplicationEvent {

		private final String name;

		TestEvent(String name) {
			this(name, name);
		}

		TestEvent(Object source, String name) {
			super(source);
			this.name = name;
		}

		String name() {
			return this.name;
		}

		@Override
		public String toString() {
			return getClass().getSimpleName() + "(" + this.name + ")";
		}

	}

	/** A subclass of {@link TestEvent}, for hierarchy matching. */
	static class SubTestEvent extends TestEvent {

		SubTestEvent(String name) {
			super(name);
		}

	}

	/** An event unrelated to {@link TestEvent}. */
	static class OtherEvent extends ApplicationEvent {

		private final String name;

		OtherEvent(String name) {
			super(name);
			this.name = name;
		}

		@Override
		public String toString() {
			return "OtherEvent(" + this.name + ")";
		}

	}

	/** An event with a generic value; its runtime type carries no generic unless a subclass fixes it. */
	static class GenericEvent<T> extends ApplicationEvent {

		private final T value;

		GenericEvent(Object source, T value) {
			super(source);
			this.value = value;
		}

		T value() {
			return this.value;
		}

		@Override
		public String toString() {
			return getClass().getSimpleName() + "(" + this.value + ")";
		}

	}

	/** A {@link GenericEvent} whose class fixes the generic to {@code String}. */
	static class StringEvent extends GenericEvent<String> {

		StringEvent(String value) {
			super("string-source", value);
		}

	}

	/** A {@link GenericEvent} whose class fixes the generic to {@code Integer}. */
	static class IntegerEvent extends GenericEvent<Integer> {

		IntegerEvent(Integer value) {
			super("integer-source", value);
		}

	}

	/** A {@link GenericEvent} that names its generic at runtime through {@link ResolvableTypeProvider}. */
	static class TypedEvent<T> extends GenericEvent<T> implements ResolvableTypeProvider {

		private final Class<T> valueType;

		TypedEvent(Class<T> valueType, T value) {
			super("typed-source", value);
			this.valueType = valueType;
		}

		@Override
		public ResolvableType getResolvableType() {
			return ResolvableType.forClassWithGenerics(getClass(), this.valueType);
		}

	}

	/** A {@link GenericEvent} whose {@link ResolvableTypeProvider} gives no type: its class is used instead. */
	static class NoTypeProvidedEvent<T> extends GenericEvent<T> implements ResolvableTypeProvider {

		NoTypeProvidedEvent(T value) {
			super("no-type-source", value);
		}

		@Override
		public ResolvableType getResolvableType() {
			return null;
		}

	}

	/** A payload type with a generic, fixed by its subclasses. */
	static class Box<T> {

		private final T content;

		Box(T content) {
			this.content = content;
		}

		@Override
		public String toString() {
			return getClass().getSimpleName() + "(" + this.content + ")";
		}

	}

	/** A {@link Box} that names its generic at runtime through {@link ResolvableTypeProvider}. */
	static class TypedBox<T> extends Box<T> implements ResolvableTypeProvider {

		private final Class<T> contentType;

		TypedBox(Class<T> contentType, T content) {
			super(content);
			this.contentType = contentType;
		}

		@Override
		public ResolvableType getResolvableType() {
			return ResolvableType.forClassWithGenerics(getClass(), this.contentType);
		}

	}

	/** A {@link Box} of a {@code String}. */
	static class StringBox extends Box<String> {

		StringBox(String content) {
			super(content);
		}

	}

	/** A {@link Box} of an {@code Integer}. */
	static class IntegerBox extends Box<Integer> {

		IntegerBox(Integer content) {
			super(content);
		}

	}

}
