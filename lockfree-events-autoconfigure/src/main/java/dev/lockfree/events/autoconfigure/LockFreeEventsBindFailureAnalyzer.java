package dev.lockfree.events.autoconfigure;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * Explains a startup failure caused by a {@code lockfree.events.*} value that cannot be converted to its
 * property's type, such as an unknown dispatch mode, wait strategy or overflow policy: it names the
 * property, the value given and, for enumerated properties, lists the values allowed.
 *
 * <p>It runs before Spring Boot's generic bind failure analyzer and leaves every other property to it.
 */
class LockFreeEventsBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		String name = cause.getName().toString();
		if (!name.startsWith(LockFreeEventsAutoConfiguration.PREFIX + ".")) {
			return null;
		}
		ConfigurationProperty property = cause.getProperty();
		Object value = (property != null) ? property.getValue() : null;
		String allowed = describeAllowedValues(cause.getTarget().getType().resolve(Object.class));
		StringBuilder description = new StringBuilder(
				String.format("Invalid value for lockfree-events configuration:%n%n    Property: %s", name));
		description.append(String.format("%n    Value: \"%s\"", value));
		if (property != null && property.getOrigin() != null) {
			description.append(String.format("%n    Origin: %s", property.getOrigin()));
		}
		description.append(String.format("%n    Allowed: %s", allowed));
		String action = String.format("Update your application's configuration: set %s to %s.", name, allowed);
		return new FailureAnalysis(description.toString(), action, cause);
	}

	private static String describeAllowedValues(Class<?> type) {
		Object[] constants = type.getEnumConstants();
		if (constants != null) {
			return "one of " + Arrays.stream(constants)
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.collect(Collectors.joining(", "));
		}
		Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
		if (boxed == Integer.class || boxed == Long.class) {
			return "a whole number";
		}
		if (boxed == Boolean.class) {
			return "true or false";
		}
		if (type == Duration.class) {
			return "a duration such as 30s, 500ms or PT30S";
		}
		return "a value of type " + type.getSimpleName();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
