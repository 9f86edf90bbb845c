package dev.lockfree.events.registry;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.context.ApplicationListener;

/**
 * The set of registered listeners, kept as an immutable {@link RegistrySnapshot} replaced by CAS.
 *
 * <h2>Guarantees</h2>
 * <ul>
 * <li>Set semantics as Spring's: an instance (by {@code equals}) and a bean name are each registered once,
 * in insertion order; adding a proxy whose singleton target is registered replaces the target.</li>
 * <li>Lock-free: every operation is a bounded amount of work plus CAS retry loops on the snapshot field. A
 * CAS fails only because another operation installed a snapshot in between, so some operation always
 * completes (the loops terminate as soon as the concurrent writers they race with are done); nothing here
 * blocks, and no listener bean is created here. Before its CAS, an operation that adds or removes one
 * listener instance runs the prepare hook ({@link #setPrepareHook}: the dispatcher deriving the routes the new
 * snapshot will need, a bounded walk, again on each retry). After its CAS an operation runs the change hook
 * ({@link #setChangeHook}: the dispatcher carrying its cached routes over, a bounded walk) and then settles the
 * snapshot it installed ({@link RegistrySnapshot#isSettled()}) before it returns.</li>
 * <li>Removal: a remove first claims the registration ({@link Registration#beginRemoval()}, CAS), which
 * decides which remove marks it removed and makes lane workers skip it from then on; then it takes the
 * registration out of the snapshot, and that CAS is the remove's linearization point: until then the listener
 * is registered for every reader, route resolution and adds included. A remove that finds the registration
 * claimed by another remove (which may be anywhere between its claim and its CAS) takes it out of the snapshot
 * itself (helping: whichever remover installs first takes it out, the others find nothing left), and a remover
 * that installed nothing of its own runs the catch-up hook on the current snapshot before it returns. So once
 * any remove of a listener returns, no dispatch that starts afterwards invokes the listener through that
 * registration, nor does a lane for a delivery it has not started (a synchronous multicast already running
 * finishes as resolved, as in Spring).</li>
 * <li>Linearizable, reads of the whole set included: each operation takes effect at one snapshot CAS (or, when
 * it changes nothing, at its read of the snapshot), and the registered set is exactly one snapshot's
 * registrations, so a reader of one snapshot reads a set that existed. (Reading each registration's state
 * as well would not be: an old snapshot with newer claims mixes two moments.)</li>
 * </ul>
 *
 * <p>Memory ordering: {@code snapshot} is read with volatile semantics ({@link #current()}) and written only by
 * CAS (volatile semantics), so a reader that sees a snapshot sees the fully built arrays inside it.
 */
public final class ListenerRegistry {

	private static final VarHandle SNAPSHOT;

	static {
		try {
			SNAPSHOT = MethodHandles.lookup().findVarHandle(ListenerRegistry.class, "snapshot", RegistrySnapshot.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private volatile RegistrySnapshot snapshot = RegistrySnapshot.EMPTY;

	/** Told of every snapshot this registry installs, before the installing operation returns; may be null. */
	private volatile Consumer<RegistrySnapshot> changeHook;

	/** Told of a one-instance change before its snapshot is installed; may be null. */
	private volatile BiConsumer<RegistrySnapshot, RegistrySnapshot> prepareHook;

	/** Told of a snapshot not settled yet that an operation returns on without a change of its own; may be null. */
	private volatile Consumer<RegistrySnapshot> catchUpHook;

	/**
	 * Set what is told of a snapshot that adds or removes one listener instance ({@link
	 * RegistrySnapshot#addedInstance()}, {@link RegistrySnapshot#removedInstance()}) before this registry tries to
	 * install it: called on the installing thread with the current snapshot and the one built from it, before
	 * the CAS, again for each retry; the CAS may fail, so the snapshot may never be installed. A failure of the
	 * hook is caught: the operation goes on without what the hook would have prepared.
	 */
	public void setPrepareHook(BiConsumer<RegistrySnapshot, RegistrySnapshot> prepareHook) {
		this.prepareHook = prepareHook;
	}

	/**
	 * Set what is told of every snapshot this registry installs: called on the installing thread, after the
	 * CAS and before the operation returns; then the snapshot is {@link RegistrySnapshot#isSettled() settled}.
	 * A failure of the hook is not the operation's: it is caught (the snapshot is settled anyway).
	 */
	public void setChangeHook(Consumer<RegistrySnapshot> changeHook) {
		this.changeHook = changeHook;
	}

	/**
	 * Set what is told of a snapshot that an operation found installed but not yet {@link
	 * RegistrySnapshot#isSettled() settled} when it returns without installing one of its own: an add of a
	 * listener that another thread's add just registered, a remove of one that another thread's remove just took
	 * out. Called on that operation's thread before it returns, so that what the change hook keeps consistent
	 * with the registry (the dispatcher's route cache) is consistent with that snapshot too by then, though the
	 * operation that installed it has not returned yet. A failure of the hook is caught.
	 */
	public void setCatchUpHook(Consumer<RegistrySnapshot> catchUpHook) {
		this.catchUpHook = catchUpHook;
	}

	/** An operation returns on {@code seen} without a change of its own: see {@link #setCatchUpHook}. */
	private void catchUp(RegistrySnapshot seen) {
		Consumer<RegistrySnapshot> hook = this.catchUpHook;
		if (hook != null && !seen.isSettled()) {
			try {
				hook.accept(seen);
			}
			catch (RuntimeException ex) {
				// Readers then see the change once its own operation settles it, as without this hook.
			}
		}
	}

	/** The current snapshot: a volatile read. */
	public RegistrySnapshot current() {
		return this.snapshot;
	}

	private boolean install(RegistrySnapshot expected, RegistrySnapshot next) {
		return SNAPSHOT.compareAndSet(this, expected, next);
	}

	/** Run the prepare hook for a one-instance change, then try once to install its snapshot. */
	private boolean prepareAndInstall(RegistrySnapshot expected, RegistrySnapshot next) {
		BiConsumer<RegistrySnapshot, RegistrySnapshot> hook = this.prepareHook;
		if (hook != null && (next.addedInstance() != null || next.removedInstance() != null)) {
			try {
				hook.accept(expected, next);
			}
			catch (RuntimeException ex) {
				// Nothing was prepared: the change hook and the publishers do the work after the CAS instead.
			}
		}
		return install(expected, next);
	}

	/** The installing operation is done with {@code installed}: run the change hook, then settle it. */
	private void settle(RegistrySnapshot installed) {
		Consumer<RegistrySnapshot> hook = this.changeHook;
		try {
			if (hook != null) {
				hook.accept(installed);
			}
		}
		catch (RuntimeException ex) {
			// The change is made; whatever the hook failed to prepare is done lazily by its readers.
		}
		finally {
			installed.settle();
		}
	}

	/**
	 * Register a listener instance; a no-op when an equal instance is registered. When the listener is a proxy
	 * whose singleton target is registered, the target's registration is removed first.
	 * @return the registration now in force for the listener (when a concurrent remove of an equal listener has
	 * claimed it but not taken it out yet, that one: this add is ordered before that remove)
	 */
	public InstanceRegistration addListener(ApplicationListener<?> listener) {
		Object target = AopProxyUtils.getSingletonTarget(listener);
		boolean replacesTarget = target instanceof ApplicationListener<?>;
		InstanceRegistration claimedTarget = null;
		InstanceRegistration added = null;
		while (true) {
			RegistrySnapshot current = current();
			// A registration being removed is still registered: adding its listener again is a no-op, ordered
			// before that remove, which takes it out.
			InstanceRegistration existing = current.instanceOf(listener);
			InstanceRegistration leavingTarget = replacesTarget ? current.instanceOf(target) : null;
			if (claimedTarget != null && claimedTarget != leavingTarget) {
				// A remove of the target found it claimed by this add and took it out (helping): this add is its
				// claimer, so it records the removal.
				claimedTarget.completeRemoval();
				claimedTarget = null;
			}
			if (leavingTarget != null && claimedTarget == null && leavingTarget.beginRemoval()) {
				claimedTarget = leavingTarget;
			}
			// Otherwise leavingTarget, if any, is claimed by a concurrent remove: it leaves with this change all
			// the same (whichever installs first takes it out), so that no snapshot holds the proxy and the target.
			if (existing != null) {
				if (leavingTarget == null) {
					catchUp(current);
				}
				else if (leavingTarget == claimedTarget) {
					// Only the target has to go; the proxy is already in place.
					removeFromSnapshot(List.of(leavingTarget), List.of());
				}
				else {
					removeFromSnapshot(List.of(), List.of(leavingTarget));
				}
				return existing;
			}
			if (added == null) {
				added = new InstanceRegistration(listener);
			}
			RegistrySnapshot next = current.withInstance(added, leavingTarget);
			if (prepareAndInstall(current, next)) {
				if (claimedTarget != null) {
					claimedTarget.completeRemoval();
				}
				settle(next);
				return added;
			}
			// Another operation installed a snapshot first: re-read and retry.
		}
	}

	/**
	 * Register a listener bean name; a no-op when it is registered.
	 */
	public BeanNameRegistration addBeanName(String beanName) {
		BeanNameRegistration added = null;
		while (true) {
			RegistrySnapshot current = current();
			BeanNameRegistration existing = current.beanNameOf(beanName);
			if (existing != null) {
				catchUp(current);
				return existing;
			}
			if (added == null) {
				added = new BeanNameRegistration(beanName);
			}
			RegistrySnapshot next = current.withBeanName(added);
			if (install(current, next)) {
				settle(next);
				return added;
			}
		}
	}

	/**
	 * Remove a listener instance (by {@code equals}); a no-op when it is not registered. When another remove
	 * of the same listener claimed it first, this one helps take it out of the snapshot, so that it too
	 * returns only once the listener is gone.
	 */
	public void removeListener(ApplicationListener<?> listener) {
		RegistrySnapshot current = current();
		InstanceRegistration registration = current.instanceOf(listener);
		if (registration != null && registration.beginRemoval()) {
			removeFromSnapshot(List.of(registration), List.of());
		}
		else {
			// Not registered, or claimed by a concurrent remove that may not have installed its snapshot yet: help
			// take it out, so that this remove too returns only once it is gone.
			removeFromSnapshot(List.of(), (registration != null) ? List.of(registration) : List.of());
		}
	}

	/** Remove a listener bean name; a no-op when it is not registered. Helps a concurrent remove of it. */
	public void removeBeanName(String beanName) {
		RegistrySnapshot current = current();
		BeanNameRegistration registration = current.beanNameOf(beanName);
		if (registration != null && registration.beginRemoval()) {
			removeFromSnapshot(List.of(registration), List.of());
		}
		else {
			removeFromSnapshot(List.of(), (registration != null) ? List.of(registration) : List.of());
		}
	}

	/**
	 * Remove every listener instance the predicate accepts; bean names are untouched. Accepted instances that a
	 * concurrent remove claimed are taken out too.
	 */
	public void removeListeners(Predicate<ApplicationListener<?>> predicate) {
		List<Registration> claimed = new ArrayList<>();
		List<Registration> claimedByOthers = new ArrayList<>();
		for (InstanceRegistration registration : current().instances()) {
			if (!predicate.test(registration.listener())) {
				continue;
			}
			(registration.beginRemoval() ? claimed : claimedByOthers).add(registration);
		}
		removeFromSnapshot(claimed, claimedByOthers);
	}

	/**
	 * Remove every listener bean name the predicate accepts; instances are untouched. Accepted bean names that a
	 * concurrent remove claimed are taken out too.
	 */
	public void removeBeanNames(Predicate<String> predicate) {
		List<Registration> claimed = new ArrayList<>();
		List<Registration> claimedByOthers = new ArrayList<>();
		for (BeanNameRegistration registration : current().beanNames()) {
			if (!predicate.test(registration.beanName())) {
				continue;
			}
			(registration.beginRemoval() ? claimed : claimedByOthers).add(registration);
		}
		removeFromSnapshot(claimed, claimedByOthers);
	}

	/**
	 * Remove every registration present now; registrations added concurrently may survive. Registrations a
	 * concurrent remove claimed are taken out too.
	 */
	public void removeAll() {
		RegistrySnapshot current = current();
		List<Registration> claimed = new ArrayList<>();
		List<Registration> claimedByOthers = new ArrayList<>();
		for (Registration registration : current.instances()) {
			(registration.beginRemoval() ? claimed : claimedByOthers).add(registration);
		}
		for (Registration registration : current.beanNames()) {
			(registration.beginRemoval() ? claimed : claimedByOthers).add(registration);
		}
		removeFromSnapshot(claimed, claimedByOthers);
	}

	/**
	 * Take registrations out of the snapshot, then mark those this thread claimed removed, then let the change
	 * settle before returning. {@code claimed} were claimed by this thread ({@link Registration#beginRemoval()}):
	 * only it marks them removed. {@code claimedByOthers} were claimed by concurrent removes, which may not have
	 * installed their snapshot yet: whichever of the removers installs first takes them out, the others find
	 * nothing left to take. Either way, an operation that installed no snapshot of its own runs the catch-up
	 * hook on the current one before it returns, so that its next publish is not served routes that still hold
	 * what it removed (the installer's change hook may not have run yet).
	 * <p>Each registration is in one list only, and both lists hold registrations that are claimed already, so
	 * the test of membership {@code without} applies is stable. The loop retries only when another operation
	 * installed a snapshot in between.
	 */
	private void removeFromSnapshot(List<? extends Registration> claimed, List<? extends Registration> claimedByOthers) {
		Map<Registration, Boolean> leaving = new IdentityHashMap<>();
		claimed.forEach((registration) -> leaving.put(registration, Boolean.TRUE));
		claimedByOthers.forEach((registration) -> leaving.put(registration, Boolean.TRUE));
		RegistrySnapshot installed = null;
		while (!leaving.isEmpty()) {
			RegistrySnapshot current = current();
			RegistrySnapshot next = current.without(leaving::containsKey);
			if (next == current) {
				break;
			}
			if (prepareAndInstall(current, next)) {
				installed = next;
				break;
			}
		}
		claimed.forEach(Registration::completeRemoval);
		if (installed != null) {
			settle(installed);
		}
		else {
			catchUp(current());
		}
	}

}
