package dev.lockfree.events.registry;

/**
 * A listener registered by bean name ({@code addApplicationListenerBean}), resolved through the bean factory.
 */
public final class BeanNameRegistration extends Registration {

	private final String beanName;

	BeanNameRegistration(String beanName) {
		this.beanName = beanName;
	}

	public String beanName() {
		return this.beanName;
	}

	@Override
	public String toString() {
		return "BeanNameRegistration[" + this.beanName + ", " + stateName() + "]";
	}

}
