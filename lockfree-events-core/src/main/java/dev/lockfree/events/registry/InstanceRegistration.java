package dev.lockfree.events.registry;

import org.springframework.context.ApplicationListener;

/**
 * A listener registered as an instance ({@code addApplicationListener}).
 */
public final class InstanceRegistration extends Registration {

	private final ApplicationListener<?> listener;

	InstanceRegistration(ApplicationListener<?> listener) {
		this.listener = listener;
	}

	public ApplicationListener<?> listener() {
		return this.listener;
	}

	@Override
	public String toString() {
		return "InstanceRegistration[" + this.listener + ", " + stateName() + "]";
	}

}
