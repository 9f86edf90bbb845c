package dev.lockfree.events.dispatch;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.SmartApplicationListener;

import dev.lockfree.events.LockFreeApplicationEventMulticaster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Route resolution reads the registered set as one registry snapshot: changes that complete while a resolution
 * is under way do not show in what it resolves, not even as the removal claim of a registration the snapshot
 * holds. The first listener's {@code supportsEventType}, which resolution calls, plays the other threads: it
 * adds one listener and removes another, both operations completing, before resolution reads the rest.
 */
class RouteResolutionTests {

	private final LockFreeApplicationEventMulticaster multicaster = new LockFreeApplicationEventMulticaster();

	private final IdListener removed = new IdListener(1);

	private final IdListener added = new IdListener(2);

	@Test
	void aResolutionThatChangesOvertakeInvokesASetThatExisted() {
		ChangingListener first = new ChangingListener(() -> {
			this.multicaster.addApplicationListener(this.added);
			this.multicaster.removeApplicationListener(this.removed);
		});
		this.multicaster.addApplicationListener(first);
		this.multicaster.addApplicationListener(this.removed);
		first.armed = true;
		// The registered sets were {0, 1}, {0, 1, 2} and {0, 2}. Reading the snapshot of {0, 1} and then each
		// registration's state gave {0}: listener 1 claimed by its remove, listener 2 not in that snapshot.
		assertThat(publish()).isIn(List.of(0, 1), List.of(0, 1, 2), List.of(0, 2));
		assertThat(first.changes).isEqualTo(1);
		// Both changes returned before this publish started: it sees both.
		assertThat(publish()).containsExactly(0, 2);
	}

	private List<Integer> publish() {
		Probe probe = new Probe();
		this.multicaster.multicastEvent(probe);
		return List.copyOf(probe.invoked);
	}

	static final class Probe extends ApplicationEvent {

		final Set<Integer> invoked = new TreeSet<>();

		Probe() {
			super("probe");
		}

	}

	static class IdListener implements ApplicationListener<Probe> {

		final int id;

		IdListener(int id) {
			this.id = id;
		}

		@Override
		public void onApplicationEvent(Probe event) {
			event.invoked.add(this.id);
		}

	}

	/** Listener 0: runs {@code change} the first time it is asked for an event type once armed. */
	static final class ChangingListener implements SmartApplicationListener {

		private final Runnable change;

		boolean armed;

		int changes;

		ChangingListener(Runnable change) {
			this.change = change;
		}

		@Override
		public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
			if (this.armed) {
				this.armed = false;
				this.changes++;
				this.change.run();
			}
			return Probe.class.isAssignableFrom(eventType);
		}

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			((Probe) event).invoked.add(0);
		}

	}

}
