package dev.lockfree.events;

/**
 * Thrown to a publisher when an event cannot be handed to a lane: the lane is full and the overflow policy
 * is {@link OverflowPolicy#FAIL}.
 */
public class RejectedEventException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient Object event;

	private final int lane;

	public RejectedEventException(Object event, int lane, int capacity) {
		super("Event of type " + event.getClass().getName() + " rejected: lane " + lane + " is full (capacity "
				+ capacity + ") and lockfree.events.ring.overflow is 'fail'; use 'block' or 'caller-runs' to "
				+ "slow publishers down instead, or raise lockfree.events.ring.capacity");
		this.event = event;
		this.lane = lane;
	}

	/** The event that was rejected. */
	public Object getEvent() {
		return this.event;
	}

	/** The index of the full lane. */
	public int getLane() {
		return this.lane;
	}

}
