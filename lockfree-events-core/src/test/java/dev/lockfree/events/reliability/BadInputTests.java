package dev.lockfree.events.reliability;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEvent;

import dev.lockfree.events.DispatchMode;
import dev.lockfree.events.InvalidEventOptionException;
import dev.lockfree.events.LockFreeApplicationEventMulticaster;
import dev.lockfree.events.LockFreeEventOptions;
import dev.lockfree.events.dispatch.AsyncRoutingPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Bad input at the core level: every invalid option value, and patterns naming classes that do not exist.
 * Null events and listeners are covered by {@code parity/RegistrationParityTests}.
 */
class BadInputTests {

	/** Every option, each with the values it must refuse, and the words of what it allows. */
	static Stream<Arguments> invalidOptions() {
		return Stream.of(
				invalid("mode", null, (b) -> b.mode(null), "one of sync, async"),
				invalid("async.include", null, (b) -> b.asyncInclude(null), "a list of event-type patterns"),
				invalid("async.include", "", (b) -> b.asyncInclude(List.of("")), "a fully qualified class name"),
				invalid("async.include", "*", (b) -> b.asyncInclude(List.of("*")), "a fully qualified class name"),
				invalid("async.include", "com..Order", (b) -> b.asyncInclude(List.of("com..Order")),
						"a fully qualified class name"),
				invalid("async.include", "com.acme.**", (b) -> b.asyncInclude(List.of("com.acme.**")),
						"a fully qualified class name"),
				invalid("async.include", "null", (b) -> b.asyncInclude(Arrays.asList("com.acme.A", null)),
						"a fully qualified class name"),
				invalid("async.exclude", null, (b) -> b.asyncExclude(null), "a list of event-type patterns"),
				invalid("async.exclude", "com.acme.Order ", (b) -> b.asyncExclude(List.of("com.acme.Order ")),
						"a fully qualified class name"),
				invalid("async.exclude", "1com.Order", (b) -> b.asyncExclude(List.of("1com.Order")),
						"a fully qualified class name"),
				invalid("ring.lanes", "0", (b) -> b.lanes(0), "an integer from 1 to 1024"),
				invalid("ring.lanes", "-1", (b) -> b.lanes(-1), "an integer from 1 to 1024"),
				invalid("ring.lanes", "1025", (b) -> b.lanes(1025), "an integer from 1 to 1024"),
				invalid("ring.capacity", "0", (b) -> b.capacity(0), "a power of two from 2 to"),
				invalid("ring.capacity", "1", (b) -> b.capacity(1), "a power of two from 2 to"),
				invalid("ring.capacity", "1000", (b) -> b.capacity(1000), "a power of two from 2 to"),
				invalid("ring.capacity", "-4", (b) -> b.capacity(-4), "a power of two from 2 to"),
				invalid("ring.capacity", String.valueOf(Integer.MIN_VALUE), (b) -> b.capacity(Integer.MIN_VALUE),
						"a power of two from 2 to"),
				invalid("ring.batch-size", "0", (b) -> b.batchSize(0), "an integer of at least 1"),
				invalid("ring.batch-size", "-5", (b) -> b.batchSize(-5), "an integer of at least 1"),
				invalid("ring.wait-strategy", null, (b) -> b.waitStrategy(null), "one of park, block, yield, spin"),
				invalid("ring.overflow", null, (b) -> b.overflowPolicy(null), "one of block, caller-runs, drop, fail"),
				invalid("shutdown-timeout", null, (b) -> b.shutdownTimeout(null), "a duration of zero or more"),
				invalid("shutdown-timeout", "PT-1S", (b) -> b.shutdownTimeout(Duration.ofSeconds(-1)),
						"a duration of zero or more"),
				invalid("ring.thread-name-prefix", null, (b) -> b.threadNamePrefix(null), "any text, not null"),
				invalid("timing.sample-interval", "0", (b) -> b.timingSampleInterval(0), "a power of two from 1 to"),
				invalid("timing.sample-interval", "100", (b) -> b.timingSampleInterval(100),
						"a power of two from 1 to 1048576"),
				invalid("timing.sample-interval", "-64", (b) -> b.timingSampleInterval(-64),
						"a power of two from 1 to"),
				invalid("timing.sample-interval", "2097152", (b) -> b.timingSampleInterval(1 << 21),
						"a power of two from 1 to"));
	}

	private static Arguments invalid(String option, String value, UnaryOperator<LockFreeEventOptions.Builder> set,
			String allowed) {
		return Arguments.of(option, value, set, allowed);
	}

	/**
	 * Every invalid option value fails with {@link InvalidEventOptionException} naming the property, the value
	 * and what is allowed.
	 */
	@ParameterizedTest(name = "{0} = {1}")
	@MethodSource("invalidOptions")
	void invalidOptionValueFailsNamingThePropertyTheValueAndWhatIsAllowed(String option, String value,
			UnaryOperator<LockFreeEventOptions.Builder> set, String allowed) {
		assertThatExceptionOfType(InvalidEventOptionException.class)
			.isThrownBy(() -> set.apply(LockFreeEventOptions.builder()).build())
			.satisfies((ex) -> {
				assertThat(ex.getOption()).isEqualTo(option);
				assertThat(ex.getPropertyName()).isEqualTo("lockfree.events." + option);
				assertThat(ex.getMessage()).contains("lockfree.events." + option)
					.contains("'" + value + "'")
					.contains(allowed);
				assertThat(ex.getAllowed()).contains(allowed);
			});
	}

	/**
	 * Every option of the builder is covered by {@link #invalidOptions()} (but the boolean one, which has no
	 * invalid value).
	 */
	@Test
	void everyOptionHasInvalidValuesUnderTest() {
		List<String> tested = invalidOptions().map((arguments) -> (String) arguments.get()[0]).distinct().toList();
		long options = Arrays.stream(LockFreeEventOptions.Builder.class.getDeclaredMethods())
			.filter((method) -> method.getReturnType() == LockFreeEventOptions.Builder.class)
			.filter((method) -> method.getParameterTypes()[0] != boolean.class)
			.count();
		assertThat(tested).hasSize((int) options);
	}

	/**
	 * An include or exclude pattern naming a class that does not exist is logged once, at configuration, as a
	 * WARN naming the property and the class; existing classes and package patterns are not.
	 */
	@Test
	void patternNamingAMissingClassIsLoggedOnceAtConfiguration() {
		ListAppender<ILoggingEvent> log = capture(AsyncRoutingPolicy.class);
		try {
			LockFreeEventOptions options = LockFreeEventOptions.builder()
				.mode(DispatchMode.ASYNC)
				.asyncInclude(List.of("com.acme.OrderPlacd", ApplicationEvent.class.getName(), "com.acme.*"))
				.asyncExclude(List.of("com.acme.audit.AuditEvnt", BadInputTests.class.getName() + "$Nested"))
				.threadNamePrefix("bad-input-")
				.build();
			LockFreeApplicationEventMulticaster multicaster = new LockFreeApplicationEventMulticaster(null, options);
			multicaster.multicastEvent(new ApplicationEvent(this) {
			});
			multicaster.stop();

			assertThat(log.list).extracting(ILoggingEvent::getLevel).containsOnly(Level.WARN);
			assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
				.satisfiesExactlyInAnyOrder(
						(message) -> assertThat(message).contains("lockfree.events.async.include")
							.contains("'com.acme.OrderPlacd'")
							.contains("com.acme.*"),
						(message) -> assertThat(message).contains("lockfree.events.async.exclude")
							.contains("'com.acme.audit.AuditEvnt'"));
		}
		finally {
			release(AsyncRoutingPolicy.class, log);
		}
	}

	static ListAppender<ILoggingEvent> capture(Class<?> type) {
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		((Logger) LoggerFactory.getLogger(type)).addAppender(appender);
		return appender;
	}

	static void release(Class<?> type, ListAppender<ILoggingEvent> appender) {
		((Logger) LoggerFactory.getLogger(type)).detachAppender(appender);
	}

	static final class Nested {

	}

}
