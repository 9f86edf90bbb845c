package dev.lockfree.events.dispatch;

import java.util.List;

import dev.lockfree.events.registry.Registration;
import dev.lockfree.events.stats.ListenerMetrics;

/**
 * The part of a route that cannot be resolved once: listener beans that are not singletons, fetched from the
 * bean factory for every event (a prototype is a new instance each time), as Spring does. The route's other
 * listeners are kept unsorted beside them, in insertion order, and everything is sorted per event.
 */
final class PerEventListeners {

	/** The route's singleton listeners, in insertion order. */
	final List<RouteListener> fixed;

	final List<Bean> beans;

	/** Whether any listener of this route may be async (decided per event for the beans). */
	final boolean mayBeAsync;

	PerEventListeners(List<RouteListener> fixed, List<Bean> beans, boolean mayBeAsync) {
		this.fixed = fixed;
		this.beans = beans;
		this.mayBeAsync = mayBeAsync;
	}

	/** A listener bean fetched per event. */
	record Bean(String beanName, Registration registration, ListenerMetrics metrics) {
	}

}
