package dev.lockfree.events.ring;

/**
 * Receives the deliveries of a {@link Lanes}: runs on a lane's worker thread, or on a publisher thread that
 * helps drain a lane after the lanes began to stop, once per delivery and in ring order.
 *
 * <p>Calls for one lane never overlap: at most one thread consumes a lane at a time.
 *
 * @param <T> the type of the deliveries
 */
@FunctionalInterface
public interface DeliveryHandler<T> {

	/**
	 * Handle one delivery. Should not throw: anything thrown is logged and the lane keeps running.
	 * @param delivery the delivery, never {@code null}
	 */
	void deliver(T delivery);

}
