package dev.lockfree.events.reliability;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

import dev.lockfree.events.registry.InstanceRegistration;
import dev.lockfree.events.registry.ListenerRegistry;

/**
 * Lincheck checks of {@link ListenerRegistry}: add, remove, remove-by-predicate and "which listeners are
 * registered" (the registrations of the current snapshot, which is what route resolution reads), against a
 * {@link LinkedHashSet}.
 */
@Tag("lincheck")
class RegistryLinearizabilityTests {

	private static final ProbeListener[] LISTENERS = { new ProbeListener(0), new ProbeListener(1),
			new ProbeListener(2), new ProbeListener(3) };

	/** Scales the number of scenarios: {@code -Dlincheck.scale=10} for a long run. */
	private static final int SCALE = Integer.getInteger("lincheck.scale", 1);

	/**
	 * Every interleaving the model checker explores of add, remove, remove-by-predicate and membership checks
	 * is equivalent to some sequential order of them on a {@link LinkedHashSet}.
	 */
	@Test
	void registryIsLinearizableUnderModelChecking() {
		new ModelCheckingOptions().iterations(20 * SCALE)
			.invocationsPerIteration(30)
			.threads(3)
			.actorsPerThread(3)
			.sequentialSpecification(SequentialRegistry.class)
			.check(RegistryOperations.class);
	}

	/** The same property, under real threads and real scheduling. */
	@Test
	void registryIsLinearizableUnderStress() {
		new StressOptions().iterations(20 * SCALE)
			.invocationsPerIteration(200)
			.threads(3)
			.actorsPerThread(3)
			.sequentialSpecification(SequentialRegistry.class)
			.check(RegistryOperations.class);
	}

	/**
	 * Reading the whole set as route resolution does (the registrations of one snapshot, whatever their
	 * removal state) is linearizable together with the rest. Reading each registration's state as well was not
	 * (docs/RELIABILITY.md, finding 10): the model checker found, with {@code add(1)} done first, a read that took
	 * the snapshot {@code [1]}, then {@code add(0)} and {@code remove(1)} completed on other threads, and the
	 * read saw 1 claimed and never saw 0: it returned {@code []}, a set that never existed ({@code {1}, {1,0},
	 * {0}}).
	 */
	@Test
	void wholeSetReadIsLinearizableUnderModelChecking() {
		new ModelCheckingOptions().iterations(10 * SCALE)
			.invocationsPerIteration(100)
			.threads(3)
			.actorsPerThread(3)
			.sequentialSpecification(SequentialRegistry.class)
			.check(RegistryWithSetRead.class);
	}

	/** The same property, under real threads and real scheduling. */
	@Test
	void wholeSetReadIsLinearizableUnderStress() {
		new StressOptions().iterations(20 * SCALE)
			.invocationsPerIteration(200)
			.threads(3)
			.actorsPerThread(3)
			.sequentialSpecification(SequentialRegistry.class)
			.check(RegistryWithSetRead.class);
	}

	/** The concurrent subject: Lincheck creates one per scenario (it must be public). */
	@Param(name = "id", gen = IntGen.class, conf = "0:3")
	public static class RegistryOperations {

		final ListenerRegistry registry = new ListenerRegistry();

		@Operation
		public void add(@Param(name = "id") int id) {
			this.registry.addListener(LISTENERS[id]);
		}

		@Operation
		public void remove(@Param(name = "id") int id) {
			this.registry.removeListener(LISTENERS[id]);
		}

		/** Remove every listener whose id has the parity of {@code id}. */
		@Operation
		public void removeIf(@Param(name = "id") int id) {
			this.registry.removeListeners((listener) -> ((ProbeListener) listener).id % 2 == id % 2);
		}

		/** Whether the current snapshot holds a registration of the listener: what a remove-then-check sees. */
		@Operation
		public boolean contains(@Param(name = "id") int id) {
			return this.registry.current().containsListener(LISTENERS[id]);
		}

	}

	/** The registry plus a read of the whole set, the way route resolution reads it: one snapshot. */
	@Param(name = "id", gen = IntGen.class, conf = "0:3")
	public static class RegistryWithSetRead extends RegistryOperations {

		@Operation
		public List<Integer> registered() {
			List<Integer> ids = new ArrayList<>();
			for (InstanceRegistration registration : this.registry.current().instances()) {
				ids.add(((ProbeListener) registration.listener()).id);
			}
			return ids;
		}

	}

	/** The sequential model: Spring's set semantics, insertion order kept. */
	public static class SequentialRegistry {

		private final Set<Integer> ids = new LinkedHashSet<>();

		public void add(int id) {
			this.ids.add(id);
		}

		public void remove(int id) {
			this.ids.remove(id);
		}

		public void removeIf(int id) {
			this.ids.removeIf((each) -> each % 2 == id % 2);
		}

		public boolean contains(int id) {
			return this.ids.contains(id);
		}

		public List<Integer> registered() {
			return new ArrayList<>(this.ids);
		}

	}

	static final class ProbeListener implements ApplicationListener<ApplicationEvent> {

		final int id;

		ProbeListener(int id) {
			this.id = id;
		}

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
		}

		@Override
		public String toString() {
			return "L" + this.id;
		}

	}

}
