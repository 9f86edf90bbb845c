package dev.lockfree.events.dispatch;

import org.springframework.context.ApplicationEvent;

/**
 * What travels through a lane: one event and the listeners of that lane that must receive it, in order.
 * One small object per (event, lane); published to the worker by the ring's release store.
 */
final class Delivery {

	final ApplicationEvent event;

	final RouteListener[] listeners;

	/** Captured thread-local context of the publisher, or {@code null}. */
	final Object context;

	/** {@code System.nanoTime()} at publish when this delivery is sampled for timing, else 0. */
	final long enqueuedAt;

	Delivery(ApplicationEvent event, RouteListener[] listeners, Object context, long enqueuedAt) {
		this.event = event;
		this.listeners = listeners;
		this.context = context;
		this.enqueuedAt = enqueuedAt;
	}

}
