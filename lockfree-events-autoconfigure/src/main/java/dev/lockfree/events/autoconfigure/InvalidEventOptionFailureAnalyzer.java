package dev.lockfree.events.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

import dev.lockfree.events.InvalidEventOptionException;

/**
 * Explains a startup failure caused by a {@code lockfree.events.*} value that binds but that
 * {@link dev.lockfree.events.LockFreeEventOptions} does not accept, such as a ring capacity that is not a
 * power of two or a negative shutdown timeout: it names the property, the value given and what is allowed.
 */
class InvalidEventOptionFailureAnalyzer extends AbstractFailureAnalyzer<InvalidEventOptionException>
		implements Ordered {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidEventOptionException cause) {
		String description = String.format("Invalid value for lockfree-events configuration:%n%n"
				+ "    Property: %s%n    Value: \"%s\"%n    Allowed: %s", cause.getPropertyName(), cause.getValue(),
				cause.getAllowed());
		String action = String.format("Update your application's configuration: set %s to %s.",
				cause.getPropertyName(), cause.getAllowed());
		return new FailureAnalysis(description, action, cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
