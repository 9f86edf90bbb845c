package dev.lockfree.events.dispatch;

/**
 * The listeners of a route in invocation order, and the same split into the synchronous and the asynchronous
 * ones: immutable, so routes with the same listeners may share one instance, arrays included.
 *
 * <p>Why share: under registration churn every change brings publishers a new route, and every array of it
 * that is new is a cache miss for each of them (the registering thread wrote it last). A route derived by
 * adding one listener keeps the listeners of the route it came from ({@link Route#beforeAdd}); when that
 * listener is removed again, the derived route takes those back instead of copying them, and publishers find
 * arrays they have read before (see {@link RouteDeriver}).
 */
final class RouteListeners {

	private static final RouteListener[] NONE = new RouteListener[0];

	static final RouteListeners EMPTY = new RouteListeners(NONE);

	/** Every listener, synchronous and asynchronous, in invocation order. */
	final RouteListener[] ordered;

	/** The synchronous listeners, in order. */
	final RouteListener[] sync;

	/** The asynchronous listeners, in order. */
	final RouteListener[] async;

	/**
	 * @param ordered every listener in invocation order; taken as it is, never written after
	 */
	RouteListeners(RouteListener[] ordered) {
		int asyncCount = 0;
		for (RouteListener listener : ordered) {
			if (listener.async) {
				asyncCount++;
			}
		}
		this.ordered = ordered;
		this.sync = (asyncCount == 0) ? ordered : new RouteListener[ordered.length - asyncCount];
		this.async = (asyncCount == 0) ? NONE : new RouteListener[asyncCount];
		if (asyncCount == 0) {
			return;
		}
		int syncIndex = 0;
		int asyncIndex = 0;
		for (RouteListener listener : ordered) {
			if (listener.async) {
				this.async[asyncIndex++] = listener;
			}
			else {
				this.sync[syncIndex++] = listener;
			}
		}
	}

	/**
	 * Whether a publish through a route with these listeners is counted exactly as one through a route of the
	 * same key with {@code other}: the same synchronous listeners' metrics in the same order (a cached route's
	 * publishes are their invocations), and both with or without async listeners (publishes are counted as async
	 * or sync). Such routes may share a publish counter ({@link Route#previousPublishes}).
	 */
	boolean countsLike(RouteListeners other) {
		if ((this.async.length > 0) != (other.async.length > 0) || this.sync.length != other.sync.length) {
			return false;
		}
		for (int i = 0; i < this.sync.length; i++) {
			if (this.sync[i].metrics != other.sync[i].metrics) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether these are exactly {@code ordered} without its entry at {@code index}: the same entries (identity),
	 * in the same order.
	 */
	boolean areWithout(RouteListener[] ordered, int index) {
		if (this.ordered.length != ordered.length - 1) {
			return false;
		}
		for (int i = 0; i < this.ordered.length; i++) {
			if (this.ordered[i] != ordered[(i < index) ? i : i + 1]) {
				return false;
			}
		}
		return true;
	}

}
