package dev.lockfree.events.registry;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Predicate;

import org.springframework.context.ApplicationListener;

/**
 * An immutable view of every registration at one moment: listener instances and listener bean names, each in
 * insertion order. The registry replaces its snapshot as a whole by CAS; a route computed from a snapshot is
 * valid for exactly as long as that snapshot is the current one (compared by identity), unless it is carried
 * over to the next one. Each snapshot is built from the one it replaces, with the next {@link #version()}, and
 * names the single instance registration it adds or removes when that is the whole difference
 * ({@link #addedInstance()}, {@link #removedInstance()}), so that routes can be carried over without being
 * resolved again.
 *
 * <p>A snapshot is the registered set: every registration in it is registered, including one whose removal a
 * remove has claimed but not completed ({@link Registration#isActive()} false). A remove takes effect when a
 * snapshot without its registration is installed, so reading the set is reading one snapshot, one volatile
 * read: the set read is always one that existed. It holds at most one registration per listener instance (by
 * {@code equals}) and per bean name: an add finds a registration being removed still registered.
 */
public final class RegistrySnapshot {

	static final RegistrySnapshot EMPTY = new RegistrySnapshot(new InstanceRegistration[0],
			new BeanNameRegistration[0], 0, null, null);

	private final InstanceRegistration[] instances;

	private final BeanNameRegistration[] beanNames;

	private final long version;

	/** The one instance registration added to the previous snapshot to make this one, or {@code null}. */
	private final InstanceRegistration addedInstance;

	/** The one instance registration taken out of the previous snapshot to make this one, or {@code null}. */
	private final InstanceRegistration removedInstance;

	/** Set once the operation that installed this snapshot is done with it: see {@link #isSettled()}. */
	private volatile boolean settled;

	/** What the registry's prepare hook attached before the snapshot was installed: see {@link #prepared()}. */
	private Object prepared;

	private RegistrySnapshot(InstanceRegistration[] instances, BeanNameRegistration[] beanNames, long version,
			InstanceRegistration addedInstance, InstanceRegistration removedInstance) {
		this.instances = instances;
		this.beanNames = beanNames;
		this.version = version;
		this.addedInstance = addedInstance;
		this.removedInstance = removedInstance;
	}

	static {
		EMPTY.settled = true;
	}

	/** Instance registrations in insertion order. The array is shared: never modify it. */
	public InstanceRegistration[] instances() {
		return this.instances;
	}

	/** Bean-name registrations in insertion order. The array is shared: never modify it. */
	public BeanNameRegistration[] beanNames() {
		return this.beanNames;
	}

	/** Increases by one with every snapshot installed; for diagnostics and tests. */
	public long version() {
		return this.version;
	}

	/**
	 * When this snapshot differs from the one of the previous {@link #version()} only by one instance
	 * registration appended at the end, that registration; otherwise {@code null}. Routes use it to derive
	 * their listeners from the previous snapshot's instead of resolving them again.
	 */
	public InstanceRegistration addedInstance() {
		return this.addedInstance;
	}

	/**
	 * When this snapshot differs from the one of the previous {@link #version()} only by one instance
	 * registration taken out, that registration; otherwise {@code null}.
	 */
	public InstanceRegistration removedInstance() {
		return this.removedInstance;
	}

	/**
	 * Whether the registry operation that installed this snapshot has finished with it (volatile read): it
	 * has run the registry's change hook, which carries cached routes over, and is about to return. Until then
	 * the operation has not returned, so a dispatch may still be served by a route of the previous snapshot: it
	 * is ordered before the change, which is what Spring's contract allows for a change racing a publish.
	 */
	public boolean isSettled() {
		return this.settled;
	}

	void settle() {
		this.settled = true;
	}

	/**
	 * What the registry's prepare hook ({@link ListenerRegistry#setPrepareHook}) attached to this snapshot before
	 * it was installed (the dispatcher's routes prepared for it), or {@code null}.
	 *
	 * <p>A plain field. The installing thread attaches it before the CAS that installs the snapshot, and a thread
	 * that reads the snapshot from the registry (a volatile read of what the CAS wrote) then sees it. Afterwards
	 * it may only be cleared ({@link #attachPrepared} with {@code null}), which a racing reader sees or not:
	 * either is fine, a reader must cope with {@code null}.
	 */
	public Object prepared() {
		return this.prepared;
	}

	/**
	 * Attach what was prepared for this snapshot: before it is installed, by the thread that built it; or
	 * {@code null} once it is no longer needed. See {@link #prepared()}.
	 */
	public void attachPrepared(Object prepared) {
		this.prepared = prepared;
	}

	public boolean isEmpty() {
		return this.instances.length == 0 && this.beanNames.length == 0;
	}

	/**
	 * The registration of {@code listener} (by {@code equals}) in this snapshot, whatever its state, or
	 * {@code null}: a snapshot holds at most one per listener, and a registration that a remove has claimed
	 * is registered until a snapshot without it is installed.
	 */
	InstanceRegistration instanceOf(Object listener) {
		for (InstanceRegistration registration : this.instances) {
			if (Objects.equals(registration.listener(), listener)) {
				return registration;
			}
		}
		return null;
	}

	/** The registration of {@code beanName} in this snapshot, whatever its state, or {@code null}. */
	BeanNameRegistration beanNameOf(String beanName) {
		for (BeanNameRegistration registration : this.beanNames) {
			if (registration.beanName().equals(beanName)) {
				return registration;
			}
		}
		return null;
	}

	RegistrySnapshot withInstance(InstanceRegistration added, Registration dropped) {
		InstanceRegistration[] kept = (dropped != null) ? withoutElement(this.instances, dropped) : this.instances;
		InstanceRegistration[] next = Arrays.copyOf(kept, kept.length + 1);
		next[kept.length] = added;
		InstanceRegistration delta = (dropped == null) ? added : null;
		return new RegistrySnapshot(next, this.beanNames, this.version + 1, delta, null);
	}

	RegistrySnapshot withBeanName(BeanNameRegistration added) {
		BeanNameRegistration[] next = Arrays.copyOf(this.beanNames, this.beanNames.length + 1);
		next[this.beanNames.length] = added;
		return new RegistrySnapshot(this.instances, next, this.version + 1, null, null);
	}

	/** This snapshot without every registration for which {@code leaving} is true, or {@code this}. */
	RegistrySnapshot without(Predicate<Registration> leaving) {
		InstanceRegistration[] instancesLeft = filter(this.instances, leaving);
		BeanNameRegistration[] beanNamesLeft = filter(this.beanNames, leaving);
		if (instancesLeft == this.instances && beanNamesLeft == this.beanNames) {
			return this;
		}
		InstanceRegistration removed = null;
		if (beanNamesLeft == this.beanNames && instancesLeft.length == this.instances.length - 1) {
			for (InstanceRegistration registration : this.instances) {
				if (leaving.test(registration)) {
					removed = registration;
				}
			}
		}
		return new RegistrySnapshot(instancesLeft, beanNamesLeft, this.version + 1, null, removed);
	}

	private static <R extends Registration> R[] withoutElement(R[] registrations, Registration dropped) {
		return filter(registrations, (registration) -> registration == dropped);
	}

	private static <R extends Registration> R[] filter(R[] registrations, Predicate<Registration> leaving) {
		int leavingCount = 0;
		for (R registration : registrations) {
			if (leaving.test(registration)) {
				leavingCount++;
			}
		}
		if (leavingCount == 0) {
			return registrations;
		}
		R[] left = Arrays.copyOf(registrations, registrations.length - leavingCount);
		int index = 0;
		for (R registration : registrations) {
			if (!leaving.test(registration)) {
				left[index++] = registration;
			}
		}
		return left;
	}

	/**
	 * Whether the given listener is registered as an instance in this snapshot (a remove in progress has not
	 * taken it out yet); for tests and diagnostics.
	 */
	public boolean containsListener(ApplicationListener<?> listener) {
		return instanceOf(listener) != null;
	}

	@Override
	public String toString() {
		return "RegistrySnapshot[v" + this.version + ", instances=" + this.instances.length + ", beanNames="
				+ this.beanNames.length + "]";
	}

}
