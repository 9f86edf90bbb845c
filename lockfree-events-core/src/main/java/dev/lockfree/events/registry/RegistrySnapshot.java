package dev.lockfree.events.registry;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Predicate;

import org.springframework.context.ApplicationListener;

/**
 * An immutable view of every registration at one moment: listener instances and listener bean names, each in
 * insertion order. The registry replaces its snapshot as a whole by CAS; a route computed from a snapshot is
 * valid for exactly as long as that snapshot is the current one (compared by identity).
 *
 * <p>A snapshot may still hold registrations whose removal was claimed but not yet completed; readers skip
 * them by {@link Registration#isActive()}.
 */
public final class RegistrySnapshot {

	static final RegistrySnapshot EMPTY = new RegistrySnapshot(new InstanceRegistration[0],
			new BeanNameRegistration[0], 0);

	private final InstanceRegistration[] instances;

	private final BeanNameRegistration[] beanNames;

	private final long version;

	private RegistrySnapshot(InstanceRegistration[] instances, BeanNameRegistration[] beanNames, long version) {
		this.instances = instances;
		this.beanNames = beanNames;
		this.version = version;
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

	public boolean isEmpty() {
		return this.instances.length == 0 && this.beanNames.length == 0;
	}

	InstanceRegistration activeInstance(Object listener) {
		for (InstanceRegistration registration : this.instances) {
			if (registration.isActive() && Objects.equals(registration.listener(), listener)) {
				return registration;
			}
		}
		return null;
	}

	BeanNameRegistration activeBeanName(String beanName) {
		for (BeanNameRegistration registration : this.beanNames) {
			if (registration.isActive() && registration.beanName().equals(beanName)) {
				return registration;
			}
		}
		return null;
	}

	RegistrySnapshot withInstance(InstanceRegistration added, Registration dropped) {
		InstanceRegistration[] kept = (dropped != null) ? withoutElement(this.instances, dropped) : this.instances;
		InstanceRegistration[] next = Arrays.copyOf(kept, kept.length + 1);
		next[kept.length] = added;
		return new RegistrySnapshot(next, this.beanNames, this.version + 1);
	}

	RegistrySnapshot withBeanName(BeanNameRegistration added) {
		BeanNameRegistration[] next = Arrays.copyOf(this.beanNames, this.beanNames.length + 1);
		next[this.beanNames.length] = added;
		return new RegistrySnapshot(this.instances, next, this.version + 1);
	}

	/** This snapshot without every registration for which {@code leaving} is true, or {@code this}. */
	RegistrySnapshot without(Predicate<Registration> leaving) {
		InstanceRegistration[] instancesLeft = filter(this.instances, leaving);
		BeanNameRegistration[] beanNamesLeft = filter(this.beanNames, leaving);
		if (instancesLeft == this.instances && beanNamesLeft == this.beanNames) {
			return this;
		}
		return new RegistrySnapshot(instancesLeft, beanNamesLeft, this.version + 1);
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

	/** Whether the given listener is registered (active) as an instance; for tests and diagnostics. */
	public boolean containsListener(ApplicationListener<?> listener) {
		return activeInstance(listener) != null;
	}

	@Override
	public String toString() {
		return "RegistrySnapshot[v" + this.version + ", instances=" + this.instances.length + ", beanNames="
				+ this.beanNames.length + "]";
	}

}
