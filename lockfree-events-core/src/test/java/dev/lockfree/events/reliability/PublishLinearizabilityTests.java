package dev.lockfree.events.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import dev.lockfree.events.LockFreeApplicationEventMulticaster;

/**
 * Lincheck checks of a synchronous publish against listener adds, through the whole multicaster (route cache,
 * its front, routes derived on each change): the listeners a publish invokes are those of a set that some
 * sequential order of the adds and publishes produces. This is what lets the route cache's front serve routes
 * without reading the registry (a change supersedes every route it moved past before it returns), and route
 * resolution read one snapshot as the registered set ({@link RegistryLinearizabilityTests}). Adds of several
 * listeners; adds and removes of one, instance or bean name; adds and removes of several.
 */
@Tag("lincheck")
class PublishLinearizabilityTests {

	/** Scales the number of scenarios: {@code -Dlincheck.scale=10} for a long run. */
	private static final int SCALE = Integer.getInteger("lincheck.scale", 1);

	@Test
	void publishAndAddAreLinearizableUnderModelChecking() {
		modelCheck(SequentialListeners.class, PublishOperations.class);
	}

	@Test
	void publishAndAddAreLinearizableUnderStress() {
		stress(SequentialListeners.class, PublishOperations.class);
	}

	@Test
	void publishAddAndRemoveOfOneListenerAreLinearizableUnderModelChecking() {
		modelCheck(SequentialToggledListener.class, ToggleOperations.class);
	}

	@Test
	void publishAddAndRemoveOfOneListenerAreLinearizableUnderStress() {
		stress(SequentialToggledListener.class, ToggleOperations.class);
	}

	@Test
	void publishAddAndRemoveOfOneListenerBeanAreLinearizableUnderModelChecking() {
		modelCheck(SequentialToggledListener.class, BeanToggleOperations.class);
	}

	@Test
	void publishAddAndRemoveOfSeveralListenersAreLinearizableUnderModelChecking() {
		modelCheck(SequentialListenerSet.class, AddRemoveOperations.class);
	}

	@Test
	void publishAddAndRemoveOfSeveralListenersAreLinearizableUnderStress() {
		stress(SequentialListenerSet.class, AddRemoveOperations.class);
	}

	@Test
	void publishAddAndRemoveOfSeveralCachedListenersAreLinearizableUnderModelChecking() {
		modelCheck(SequentialListenerSet.class, CachedAddRemoveOperations.class);
	}

	/** Lincheck's model checker on {@code operations} against {@code specification}. */
	private static void modelCheck(Class<?> specification, Class<?> operations) {
		new ModelCheckingOptions().iterations(30 * SCALE)
			.invocationsPerIteration(30)
			.threads(3)
			.actorsPerThread(2)
			.sequentialSpecification(specification)
			.check(operations);
	}

	/** Lincheck's stress mode on {@code operations} against {@code specification}. */
	private static void stress(Class<?> specification, Class<?> operations) {
		new StressOptions().iterations(30 * SCALE)
			.invocationsPerIteration(200)
			.threads(3)
			.actorsPerThread(3)
			.sequentialSpecification(specification)
			.check(operations);
	}

	/** One publish of a {@link Probe}: the ids of the listeners it invoked, ascending. */
	static List<Integer> publish(LockFreeApplicationEventMulticaster multicaster) {
		Probe probe = new Probe();
		multicaster.multicastEvent(probe);
		return new ArrayList<>(probe.invoked);
	}

	/** The concurrent subject: one multicaster per scenario, with a listener cached before it starts. */
	@Param(name = "id", gen = IntGen.class, conf = "1:2")
	public static class PublishOperations {

		private final LockFreeApplicationEventMulticaster multicaster = new LockFreeApplicationEventMulticaster();

		private final IdListener[] listeners = { new IdListener(0), new IdListener(1), new IdListener(2),
				new IdListener(3) };

		public PublishOperations() {
			this.multicaster.addApplicationListener(this.listeners[0]);
			// Resolve and cache the route, so that scenarios start on the front's fast path.
			this.multicaster.multicastEvent(new Probe());
		}

		@Operation
		public void add(@Param(name = "id") int id) {
			this.multicaster.addApplicationListener(this.listeners[id]);
		}

		/** The ids of the listeners one publish invoked, ascending. */
		@Operation
		public List<Integer> publish() {
			return PublishLinearizabilityTests.publish(this.multicaster);
		}

	}

	/**
	 * Adds and removes of one listener (1) beside a permanent one (0), two threads possibly adding or removing it
	 * at once: a remove that finds it claimed by the other must not return before it is gone, nor an add that
	 * finds it added before the change is visible. One listener only changes, so the whole-set anomaly of route
	 * resolution (which needs two) does not come into it.
	 */
	public static class ToggleOperations {

		private final LockFreeApplicationEventMulticaster multicaster = new LockFreeApplicationEventMulticaster();

		private final IdListener permanent = new IdListener(0);

		private final IdListener toggled = new IdListener(1);

		public ToggleOperations() {
			this.multicaster.addApplicationListener(this.permanent);
			this.multicaster.addApplicationListener(this.toggled);
			this.multicaster.multicastEvent(new Probe());
		}

		@Operation
		public void add() {
			this.multicaster.addApplicationListener(this.toggled);
		}

		@Operation
		public void remove() {
			this.multicaster.removeApplicationListener(this.toggled);
		}

		@Operation
		public List<Integer> publish() {
			return PublishLinearizabilityTests.publish(this.multicaster);
		}

	}

	/**
	 * {@link ToggleOperations} with listener beans registered by name: bean-name changes prepare no routes, so
	 * an add that finds the bean name added by a change in progress depends on the map path serving no
	 * superseded route, and removes of a bean name on helping each other.
	 */
	public static class BeanToggleOperations {

		private final LockFreeApplicationEventMulticaster multicaster;

		public BeanToggleOperations() {
			DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
			beanFactory.registerSingleton("permanent", new IdListener(0));
			beanFactory.registerSingleton("toggled", new IdListener(1));
			this.multicaster = new LockFreeApplicationEventMulticaster(beanFactory);
			this.multicaster.addApplicationListenerBean("permanent");
			this.multicaster.addApplicationListenerBean("toggled");
			this.multicaster.multicastEvent(new Probe());
		}

		@Operation
		public void add() {
			this.multicaster.addApplicationListenerBean("toggled");
		}

		@Operation
		public void remove() {
			this.multicaster.removeApplicationListenerBean("toggled");
		}

		@Operation
		public List<Integer> publish() {
			return PublishLinearizabilityTests.publish(this.multicaster);
		}

	}

	/**
	 * Adds and removes of two listeners (1 and 2) beside a permanent one (0), listener 1 registered from the
	 * start, and no route cached: the first publish of a scenario resolves its route while the changes run. It
	 * must invoke a set that existed ({@code {0, 1}}, {@code {0, 1, 2}} or {@code {0, 2}}), never {@code {0}},
	 * which a resolution reading an old snapshot and newer removal claims produced.
	 */
	@Param(name = "id", gen = IntGen.class, conf = "1:2")
	public static class AddRemoveOperations {

		final LockFreeApplicationEventMulticaster multicaster = new LockFreeApplicationEventMulticaster();

		private final IdListener[] listeners = { new IdListener(0), new IdListener(1), new IdListener(2) };

		public AddRemoveOperations() {
			this.multicaster.addApplicationListener(this.listeners[0]);
			this.multicaster.addApplicationListener(this.listeners[1]);
		}

		@Operation
		public void add(@Param(name = "id") int id) {
			this.multicaster.addApplicationListener(this.listeners[id]);
		}

		@Operation
		public void remove(@Param(name = "id") int id) {
			this.multicaster.removeApplicationListener(this.listeners[id]);
		}

		@Operation
		public List<Integer> publish() {
			return PublishLinearizabilityTests.publish(this.multicaster);
		}

	}

	/** {@link AddRemoveOperations} with the route cached first: the changes derive and supersede routes. */
	public static class CachedAddRemoveOperations extends AddRemoveOperations {

		public CachedAddRemoveOperations() {
			this.multicaster.multicastEvent(new Probe());
		}

	}

	/** The sequential model of {@link AddRemoveOperations}: listeners 0 and 1 from the start. */
	public static class SequentialListenerSet {

		private final Set<Integer> ids = new TreeSet<>(List.of(0, 1));

		public void add(int id) {
			this.ids.add(id);
		}

		public void remove(int id) {
			this.ids.remove(id);
		}

		public List<Integer> publish() {
			return new ArrayList<>(this.ids);
		}

	}

	/** The sequential model of {@link ToggleOperations}: listener 0 always, listener 1 from the start. */
	public static class SequentialToggledListener {

		private boolean registered = true;

		public void add() {
			this.registered = true;
		}

		public void remove() {
			this.registered = false;
		}

		public List<Integer> publish() {
			return this.registered ? List.of(0, 1) : List.of(0);
		}

	}

	/** The sequential model: a set of listener ids, listener 0 registered from the start. */
	public static class SequentialListeners {

		private final Set<Integer> ids = new TreeSet<>(List.of(0));

		public void add(int id) {
			this.ids.add(id);
		}

		public List<Integer> publish() {
			return new ArrayList<>(this.ids);
		}

	}

	/** An event that records which listeners saw it (one publish, on one thread). */
	static final class Probe extends ApplicationEvent {

		final Set<Integer> invoked = new TreeSet<>();

		Probe() {
			super("probe");
		}

	}

	static final class IdListener implements ApplicationListener<Probe> {

		final int id;

		IdListener(int id) {
			this.id = id;
		}

		@Override
		public void onApplicationEvent(Probe event) {
			event.invoked.add(this.id);
		}

		@Override
		public String toString() {
			return "L" + this.id;
		}

	}

}
