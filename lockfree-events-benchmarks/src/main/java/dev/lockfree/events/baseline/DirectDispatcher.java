package dev.lockfree.events.baseline;

import org.springframework.context.ApplicationListener;

import dev.lockfree.events.support.AsyncSubject;
import dev.lockfree.events.support.MeasuredEvent;

/**
 * No hand-off at all: {@link #publish} calls every listener itself, in order, on the publishing thread, and
 * returns when the last one has returned. Not an asynchronous dispatcher but the floor under them in the
 * latency runs: what it measures is the publisher's own delay (pacing, scheduling, stalls of the machine)
 * plus the listener calls, so what any other subject measures above it is the cost of handing the event to
 * another thread. It has no queue and no thread: it cannot fall behind without holding its publisher up, and
 * it never drops an event.
 */
public final class DirectDispatcher implements AsyncSubject {

	private final ApplicationListener<MeasuredEvent>[] listeners;

	/**
	 * @param listeners the listeners, called in this order
	 */
	public DirectDispatcher(ApplicationListener<MeasuredEvent>[] listeners) {
		this.listeners = listeners.clone();
	}

	@Override
	public void publish(MeasuredEvent event) {
		for (ApplicationListener<MeasuredEvent> listener : this.listeners) {
			listener.onApplicationEvent(event);
		}
	}

	@Override
	public void close() {
		// no thread to stop
	}

}
