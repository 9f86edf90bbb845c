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

import dev.lockfree.events.LockFreeApplicationEventMulticaster;

/**
 * Lincheck checks of a synchronous publish against listener adds, through the whole multicaster (route cache,
 * its front, routes derived on each change): the listeners a publish invokes are those of a set that some
 * sequential order of the adds and publishes produces. This is what lets the route cache's front serve routes
 * without reading the registry (a change supersedes every route it moved past before it returns). Adds only:
 * with removes, route resolution's whole-set read has a known anomaly of its own
 * ({@link RegistryLinearizabilityTests}).
 */
@Tag("lincheck")
class PublishLinearizabilityTests {

	/** Scales the number of scenarios: {@code -Dlincheck.scale=10} for a long run. */
	private static final int SCALE = Integer.getInteger("lincheck.scale", 1);

	@Test
	void publishAndAddAreLinearizableUnderModelChecking() {
		new ModelCheckingOptions().iterations(30 * SCALE)
			.invocationsPerIteration(30)
			.threads(3)
			.actorsPerThread(2)
			.sequentialSpecification(SequentialListeners.class)
			.check(PublishOperations.class);
	}

	@Test
	void publishAndAddAreLinearizableUnderStress() {
		new StressOptions().iterations(30 * SCALE)
			.invocationsPerIteration(200)
			.threads(3)
			.actorsPerThread(3)
			.sequentialSpecification(SequentialListeners.class)
			.check(PublishOperations.class);
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
			Probe probe = new Probe();
			this.multicaster.multicastEvent(probe);
			return new ArrayList<>(probe.invoked);
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
