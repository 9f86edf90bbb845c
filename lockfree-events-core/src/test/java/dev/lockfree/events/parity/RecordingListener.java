package dev.lockfree.events.parity;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

/**
 * Base class of the parity listeners: records every event it receives under its name. A concrete subclass
 * fixes {@code E}, which is what the multicaster matches events against.
 *
 * @param <E> the event type the listener declares
 */
abstract class RecordingListener<E extends ApplicationEvent> implements ApplicationListener<E> {

	private final String name;

	private final Trace trace;

	RecordingListener(String name, Trace trace) {
		this.name = name;
		this.trace = trace;
	}

	String name() {
		return this.name;
	}

	Trace trace() {
		return this.trace;
	}

	@Override
	public void onApplicationEvent(E event) {
		this.trace.received(this.name, event);
	}

	@Override
	public String toString() {
		return this.name;
	}

}
