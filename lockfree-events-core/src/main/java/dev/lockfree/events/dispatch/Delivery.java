package dev.lockfree.events.dispatch;

import org.springframework.context.ApplicationEvent;

/**
 * What travels through a lane: one event and the group of listeners that must receive it, in order. One
 * small object per (event, lane), 24 bytes with compressed references; published to the worker by the
 * ring's release store. Sampled deliveries are {@link Timed} and carry their publish time too.
 */
class Delivery {

	final ApplicationEvent event;

	final LaneGroup group;

	/** Captured thread-local context of the publisher, or {@code null}. */
	final Object context;

	Delivery(ApplicationEvent event, LaneGroup group, Object context) {
		this.event = event;
		this.group = group;
		this.context = context;
	}

	/** {@code System.nanoTime()} at publish when this delivery is sampled for timing, else 0. */
	long enqueuedAt() {
		return 0L;
	}

	/** A delivery sampled for the ring-wait and execution timers. */
	static final class Timed extends Delivery {

		private final long enqueuedAt;

		Timed(ApplicationEvent event, LaneGroup group, Object context, long enqueuedAt) {
			super(event, group, context);
			this.enqueuedAt = enqueuedAt;
		}

		@Override
		long enqueuedAt() {
			return this.enqueuedAt;
		}

	}

}
