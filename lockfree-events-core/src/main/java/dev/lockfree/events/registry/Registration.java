package dev.lockfree.events.registry;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One entry of the listener registry, with an explicit lifecycle.
 *
 * <p>States move forward only: {@code REGISTERED -> UNREGISTERING -> REMOVED}. The first move (a CAS) is a
 * remove's claim: exactly one remove makes it, and from then on a lane worker (which reads the state with
 * volatile semantics before each invocation) does not invoke the listener for deliveries still waiting in its
 * ring. The registration stays registered for everything else (route resolution, adds of an equal listener)
 * until a snapshot without it is installed, the remove's linearization point (see {@link ListenerRegistry}).
 * A synchronous multicast that had already resolved the listener still invokes it, as Spring's does. The
 * second move records that the registration has left the snapshot too.
 *
 * <p>NOTE: a registration never returns to {@code REGISTERED}; adding a listener again once its registration has
 * left the snapshot creates a new one (an add that still finds it there, being removed, is a no-op).
 */
public abstract sealed class Registration permits InstanceRegistration, BeanNameRegistration {

	static final int REGISTERED = 0;

	static final int UNREGISTERING = 1;

	static final int REMOVED = 2;

	private static final VarHandle STATE;

	static {
		try {
			STATE = MethodHandles.lookup().findVarHandle(Registration.class, "state", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	@SuppressWarnings("unused") // accessed through STATE
	private volatile int state = REGISTERED;

	/**
	 * Whether no remove has claimed this registration yet (volatile read): what a lane worker checks before
	 * each invocation. Not whether it is registered: that is whether the current snapshot holds it.
	 */
	public final boolean isActive() {
		return this.state == REGISTERED;
	}

	/**
	 * Claim the removal of this registration: CAS {@code REGISTERED -> UNREGISTERING}.
	 * @return {@code true} for exactly one caller; {@code false} when another remove claimed it first
	 */
	final boolean beginRemoval() {
		return STATE.compareAndSet(this, REGISTERED, UNREGISTERING);
	}

	/**
	 * Record that the registration has left the registry snapshot (volatile write; only the claimer calls it).
	 */
	final void completeRemoval() {
		this.state = REMOVED;
	}

	/** The state's name, for diagnostics. */
	public final String stateName() {
		return switch (this.state) {
			case REGISTERED -> "REGISTERED";
			case UNREGISTERING -> "UNREGISTERING";
			default -> "REMOVED";
		};
	}

}
