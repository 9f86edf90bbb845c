package dev.lockfree.events.parity;

import org.springframework.context.ApplicationEvent;

/**
 * An event class that {@link ThrowawayClassLoader} defines a second time, so its copies are not cache-safe for
 * the application's class loader.
 */
public class ForeignEvent extends ApplicationEvent {

	public ForeignEvent(Object source) {
		super(source);
	}

	@Override
	public String toString() {
		return "ForeignEvent(" + getSource() + ")";
	}

}
