package dev.lockfree.events;

/**
 * An event (or the payload of a {@code PayloadApplicationEvent}) that carries an ordering key.
 *
 * <p>In async dispatch, every asynchronous listener of a keyed event runs on the lane chosen by the key's
 * hash, so events with equal keys are handled in publish order (per publishing thread), while different
 * keys spread across lanes. Without a key, each listener has its own lane.
 *
 * <p>The key is read once per publish; it must not be {@code null} and should have a stable
 * {@link Object#hashCode()}.
 */
public interface KeyedEvent {

	/** The key whose events must be handled in order, for example an order id. */
	Object orderingKey();

}
