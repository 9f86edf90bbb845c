package dev.lockfree.events.invoke;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link EventMethodInvokers}.
 */
class EventMethodInvokersTests {

	private final Target target = new Target();

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void callsVoidMethodsOfEveryVisibility(boolean preferLambda) throws Throwable {
		for (String name : List.of("publicMethod", "protectedMethod", "packagePrivateMethod", "privateMethod")) {
			EventMethodInvoker invoker = invoker(name, preferLambda, String.class);
			assertThat(invoker.invoke(this.target, name)).isNull();
		}
		assertThat(this.target.calls).containsExactly("publicMethod", "protectedMethod", "packagePrivateMethod",
				"privateMethod");
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void callsMethodsWithoutParameterAndReturnsResults(boolean preferLambda) throws Throwable {
		assertThat(invoker("withoutParameter", preferLambda).invoke(this.target, null)).isNull();
		assertThat(invoker("returning", preferLambda, String.class).invoke(this.target, "x")).isEqualTo("x!");
		assertThat(invoker("returningPrimitive", preferLambda).invoke(this.target, null)).isEqualTo(42);
		assertThat(this.target.calls).containsExactly("withoutParameter", "returning", "returningPrimitive");
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void rethrowsCheckedExceptionsUnwrapped(boolean preferLambda) throws Exception {
		EventMethodInvoker invoker = invoker("throwing", preferLambda, String.class);
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> invoker.invoke(this.target, "boom"))
			.withMessage("boom");
	}

	@Test
	void prefersSpunLambdasAndCanBeToldToUseMethodHandles() throws Exception {
		assertThat(invoker("privateMethod", true, String.class).kind()).isEqualTo(EventMethodInvoker.Kind.LAMBDA);
		assertThat(invoker("privateMethod", false, String.class).kind())
			.isEqualTo(EventMethodInvoker.Kind.METHOD_HANDLE);
	}

	@Test
	void callsInterfaceMethodsVirtually() throws Throwable {
		Method method = Callable.class.getDeclaredMethod("call", String.class);
		EventMethodInvoker invoker = EventMethodInvokers.create(method, true);
		List<String> calls = new ArrayList<>();
		Callable callable = calls::add;
		invoker.invoke(callable, "through the interface");
		assertThat(calls).containsExactly("through the interface");
	}

	@Test
	void leavesUnsupportedShapesToReflection() throws Exception {
		assertThat(EventMethodInvokers.create(Target.class.getDeclaredMethod("staticMethod", String.class), true))
			.isNull();
		assertThat(EventMethodInvokers.create(Target.class.getDeclaredMethod("primitiveParameter", int.class), true))
			.isNull();
		assertThat(EventMethodInvokers.create(Target.class.getDeclaredMethod("twoParameters", String.class,
				String.class), true)).isNull();
	}

	private static EventMethodInvoker invoker(String name, boolean preferLambda, Class<?>... parameterTypes)
			throws NoSuchMethodException {
		EventMethodInvoker invoker = EventMethodInvokers.create(Target.class.getDeclaredMethod(name, parameterTypes),
				preferLambda);
		assertThat(invoker).isNotNull();
		return invoker;
	}


	interface Callable {

		void call(String text);

	}


	@SuppressWarnings("unused")
	private static final class Target {

		final List<String> calls = new ArrayList<>();

		public void publicMethod(String text) {
			this.calls.add(text);
		}

		protected void protectedMethod(String text) {
			this.calls.add(text);
		}

		void packagePrivateMethod(String text) {
			this.calls.add(text);
		}

		private void privateMethod(String text) {
			this.calls.add(text);
		}

		void withoutParameter() {
			this.calls.add("withoutParameter");
		}

		String returning(String text) {
			this.calls.add("returning");
			return text + "!";
		}

		int returningPrimitive() {
			this.calls.add("returningPrimitive");
			return 42;
		}

		void throwing(String message) throws IOException {
			throw new IOException(message);
		}

		static void staticMethod(String text) {
		}

		void primitiveParameter(int value) {
		}

		void twoParameters(String first, String second) {
		}

	}

}
