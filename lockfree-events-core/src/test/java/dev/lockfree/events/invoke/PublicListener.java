package dev.lockfree.events.invoke;

import dev.lockfree.events.invoke.TestEvents.Greeting;

import org.springframework.context.event.EventListener;

/**
 * A public listener class with methods of every visibility.
 */
public class PublicListener {

	private final EventTrace trace;

	public PublicListener(EventTrace trace) {
		this.trace = trace;
	}

	@EventListener
	public void publicMethod(Greeting greeting) {
		this.trace.record("PublicListener.publicMethod", greeting);
	}

	@EventListener
	protected void protectedMethod(Greeting greeting) {
		this.trace.record("PublicListener.protectedMethod", greeting);
	}

	@EventListener
	void packagePrivateMethod(Greeting greeting) {
		this.trace.record("PublicListener.packagePrivateMethod", greeting);
	}

	@EventListener
	private void privateMethod(Greeting greeting) {
		this.trace.record("PublicListener.privateMethod", greeting);
	}

}
