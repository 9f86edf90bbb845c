package dev.lockfree.events.dispatch;

import org.springframework.util.ClassUtils;

/**
 * Carries the publisher's thread-local context (MDC, tracing, ...) to the thread that runs an async listener.
 * Backed by Micrometer's context-propagation library when it is on the classpath and propagation is enabled;
 * otherwise {@link #NONE}, which captures nothing and costs nothing.
 */
interface ContextPropagator {

	/** Captures nothing: the propagator in use when propagation is off or the library is absent. */
	ContextPropagator NONE = new ContextPropagator() {

		@Override
		public Object capture() {
			return null;
		}

		@Override
		public Scope restore(Object captured) {
			return Scope.NOOP;
		}

	};

	/** The publisher's context, or {@code null} when there is nothing to carry. */
	Object capture();

	/** Install a captured context on the current thread until the scope is closed. */
	Scope restore(Object captured);

	/** A restored context; closing it puts the previous thread-locals back. */
	interface Scope extends AutoCloseable {

		Scope NOOP = () -> {
		};

		@Override
		void close();

	}

	/** The propagator to use: Micrometer's when enabled and present, else {@link #NONE}. */
	static ContextPropagator create(boolean enabled, ClassLoader classLoader) {
		if (enabled && ClassUtils.isPresent("io.micrometer.context.ContextSnapshotFactory", classLoader)) {
			return new MicrometerContextPropagator();
		}
		return NONE;
	}

}
