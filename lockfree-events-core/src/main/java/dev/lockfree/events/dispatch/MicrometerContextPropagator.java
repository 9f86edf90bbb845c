package dev.lockfree.events.dispatch;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;

/**
 * Captures every registered {@code ThreadLocalAccessor}'s value at publish and restores them around the async
 * listener call. Loaded only when {@code io.micrometer:context-propagation} is present.
 */
final class MicrometerContextPropagator implements ContextPropagator {

	private final ContextSnapshotFactory factory = ContextSnapshotFactory.builder().build();

	@Override
	public Object capture() {
		return this.factory.captureAll();
	}

	@Override
	public Scope restore(Object captured) {
		if (!(captured instanceof ContextSnapshot snapshot)) {
			return Scope.NOOP;
		}
		ContextSnapshot.Scope scope = snapshot.setThreadLocals();
		return scope::close;
	}

}
