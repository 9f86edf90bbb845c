package dev.lockfree.events.registry;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry's catch-up hook: an operation that returns without a change of its own, on a snapshot another
 * operation installed and has not settled yet, tells the hook first. The other operation is played by a change
 * hook that calls back into the registry before the snapshot it was told of is settled.
 */
class ListenerRegistryHooksTests {

	private final ListenerRegistry registry = new ListenerRegistry();

	private final List<RegistrySnapshot> caughtUp = new ArrayList<>();

	private final ApplicationListener<ApplicationEvent> listener = (event) -> {
	};

	ListenerRegistryHooksTests() {
		this.registry.setCatchUpHook(this.caughtUp::add);
	}

	@Test
	void anAddOfAListenerJustAddedByAnUnsettledChangeTellsTheCatchUpHook() {
		List<RegistrySnapshot> installed = new ArrayList<>();
		this.registry.setChangeHook((snapshot) -> {
			installed.add(snapshot);
			this.registry.setChangeHook(null);
			// Another thread's add of the same listener, while this change is not settled yet.
			this.registry.addListener(this.listener);
		});
		this.registry.addListener(this.listener);
		assertThat(this.caughtUp).containsExactlyElementsOf(installed);
		// Once settled, a repeated add is a plain no-op.
		this.registry.addListener(this.listener);
		assertThat(this.caughtUp).hasSize(1);
	}

	@Test
	void aRemoveOfAListenerJustRemovedByAnUnsettledChangeTellsTheCatchUpHook() {
		this.registry.addListener(this.listener);
		List<RegistrySnapshot> installed = new ArrayList<>();
		this.registry.setChangeHook((snapshot) -> {
			installed.add(snapshot);
			this.registry.setChangeHook(null);
			this.registry.removeListener(this.listener);
		});
		this.registry.removeListener(this.listener);
		assertThat(this.caughtUp).containsExactlyElementsOf(installed);
		this.registry.removeListener(this.listener);
		assertThat(this.caughtUp).hasSize(1);
	}

	@Test
	void anAddOfABeanNameJustAddedByAnUnsettledChangeTellsTheCatchUpHook() {
		List<RegistrySnapshot> installed = new ArrayList<>();
		this.registry.setChangeHook((snapshot) -> {
			installed.add(snapshot);
			this.registry.setChangeHook(null);
			this.registry.addBeanName("listenerBean");
		});
		this.registry.addBeanName("listenerBean");
		assertThat(this.caughtUp).containsExactlyElementsOf(installed);
	}

}
