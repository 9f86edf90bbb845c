package dev.lockfree.events.invoke;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationContextEvent;

/**
 * A bean that listeners write to: which listener ran, with which argument, on which thread, in
 * which order. Entries describe arguments by value only, so traces from two contexts compare equal
 * when the same things happened.
 */
class EventTrace {

	private final List<String> entries = new CopyOnWriteArrayList<>();

	void record(String listener, Object argument) {
		this.entries.add(listener + "(" + describe(argument) + ")@" + Thread.currentThread().getName());
	}

	void record(String what) {
		this.entries.add(what + "@" + Thread.currentThread().getName());
	}

	List<String> entries() {
		return new ArrayList<>(this.entries);
	}

	void clear() {
		this.entries.clear();
	}

	static String describe(Object argument) {
		if (argument instanceof PayloadApplicationEvent<?> payloadEvent) {
			return "PayloadApplicationEvent[" + payloadEvent.getPayload() + "]";
		}
		if (argument instanceof ApplicationContextEvent) {
			return argument.getClass().getSimpleName();
		}
		if (argument instanceof ApplicationEvent event) {
			return argument.getClass().getSimpleName() + "[" + event.getSource() + "]";
		}
		return argument.getClass().getSimpleName() + ":" + argument;
	}

}
