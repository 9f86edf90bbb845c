package dev.lockfree.events.dispatch;

import org.springframework.context.ApplicationListener;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

import dev.lockfree.events.registry.Registration;
import dev.lockfree.events.stats.ListenerMetrics;

/**
 * One listener inside a route: the instance to call, the registrations it came from, its counters and where
 * it runs. Immutable.
 */
public final class RouteListener {

	final ApplicationListener<?> listener;

	final Registration registration;

	final Registration alternate;

	final ListenerMetrics metrics;

	final boolean async;

	final int lane;

	/** Whether the listener is {@link PriorityOrdered}: such listeners sort before all others. */
	final boolean priorityOrdered;

	/**
	 * The listener's order ({@code Ordered}, {@code @Order}, {@code @Priority}) when the route entry was made: the
	 * key the resolver sorted by, kept so that a route can be carried over without looking it up again.
	 */
	final int order;

	RouteListener(ApplicationListener<?> listener, Registration registration, Registration alternate,
			ListenerMetrics metrics, boolean async, int lane) {
		this.listener = listener;
		this.registration = registration;
		this.alternate = alternate;
		this.metrics = metrics;
		this.async = async;
		this.lane = lane;
		this.priorityOrdered = listener instanceof PriorityOrdered;
		this.order = AnnotationAwareOrderComparator.INSTANCE.getOrder(listener, null);
	}

	public ApplicationListener<?> listener() {
		return this.listener;
	}

	public ListenerMetrics metrics() {
		return this.metrics;
	}

	public boolean async() {
		return this.async;
	}

}
