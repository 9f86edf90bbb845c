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
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

import dev.lockfree.events.registry.InstanceRegistration;
import dev.lockfree.events.registry.ListenerRegistry;

/**
 * Lincheck checks of {@link ListenerRegistry}: add, remove, remove-by-predicate and "which listeners are
 * registered" (the active registrations of the current snapshot, which is what route resolution reads),
 * against a {@link LinkedHashSet}.
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
	 * Reading the whole set as route resolution does (snapshot, then each registration's state) is
	 * linearizable. It is not: the model checker finds, with {@code add(1)} done first, a read that takes the
	 * snapshot {@code [1]}, then {@code add(0)} and {@code remove(1)} complete on other threads, and the read
	 * sees 1 removed and never saw 0: it returns {@code []}, a set that never existed ({@code {1}, {1,0},
	 * {0}}). The documented guarantee is weaker (a dispatch that starts after a remove returned never sees the
	 * removed listener; one that starts after an add returned sees the added one) and holds; see
	 * docs/RELIABILITY.md, "Findings".
	 */
	@Test
	@Disabled("Known gap: a whole-set read mixes an old snapshot with new registration states")
	void wholeSetReadIsLinearizable() {
		new ModelCheckingOptions().iterations(5 * SCALE)
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

		/** Whether the listener has an active registration in the current snapshot: what a remove-then-check sees. */
		@Operation
		public boolean contains(@Param(name = "id") int id) {
			return this.registry.current().containsListener(LISTENERS[id]);
		}

	}

	/**
	 * The registry plus a read of the whole set, the way route resolution reads it (one snapshot, then each
	 * registration's state): known not to be linearizable, see {@link #wholeSetReadIsLinearizable()}.
	 */
	@Param(name = "id", gen = IntGen.class, conf = "0:3")
	public static class RegistryWithSetRead extends RegistryOperations {

		@Operation
		public List<Integer> registered() {
			List<Integer> ids = new ArrayList<>();
			for (InstanceRegistration registration : this.registry.current().instances()) {
				if (registration.isActive()) {
					ids.add(((ProbeListener) registration.listener()).id);
				}
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
