package dev.lockfree.events.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two removes of the same registration: the one that loses the claim must not return before the registration
 * has left the snapshot, or its next publish could still invoke what it removed (Spring's multicaster, which
 * removes under a lock, never does). The winner is held between its claim and its CAS by the prepare hook,
 * which runs right before that CAS: re-entering the registry from there plays another thread's remove at that
 * very point. (A bean-name removal installs without that hook, which only one-instance changes run; it takes the
 * same path as an instance's, and {@code removeAll} below takes a bean name out with an instance.) The same
 * window holds an add of the listener being removed, and an add of a proxy of it: both find it still
 * registered, since a remove takes effect only when its registration leaves the snapshot.
 */
class ConcurrentRemovalTests {

	private final ListenerRegistry registry = new ListenerRegistry();

	private final ApplicationListener<ApplicationEvent> listener = (event) -> {
	};

	@Test
	void aRemoveThatLosesTheClaimTakesTheListenerOutOfTheSnapshotItself() {
		this.registry.addListener(this.listener);
		List<RegistrySnapshot> afterLoser = new ArrayList<>();
		onceBeforeTheWinnersCas(() -> {
			this.registry.removeListener(this.listener);
			afterLoser.add(this.registry.current());
		});
		this.registry.removeListener(this.listener);
		assertThat(afterLoser).hasSize(1);
		assertThat(afterLoser.get(0).instances()).isEmpty();
		assertThat(afterLoser.get(0).isSettled()).isTrue();
		// The winner found nothing left to take out: one snapshot without the listener, installed by the loser.
		assertThat(this.registry.current()).isSameAs(afterLoser.get(0));
		assertThat(this.registry.current().version()).isEqualTo(2);
	}

	@Test
	void removesByPredicateAndRemoveAllTakeOutWhatAnotherRemoveClaimed() {
		ApplicationListener<ApplicationEvent> other = (event) -> {
		};
		this.registry.addListener(this.listener);
		this.registry.addListener(other);
		this.registry.addBeanName("listenerBean");
		List<RegistrySnapshot> afterLoser = new ArrayList<>();
		onceBeforeTheWinnersCas(() -> {
			this.registry.removeListeners((candidate) -> candidate == this.listener);
			afterLoser.add(this.registry.current());
		});
		this.registry.removeListener(this.listener);
		assertThat(Arrays.stream(afterLoser.get(0).instances()).map(InstanceRegistration::listener))
			.containsExactly(other);
		afterLoser.clear();
		onceBeforeTheWinnersCas(() -> {
			this.registry.removeAll();
			afterLoser.add(this.registry.current());
		});
		this.registry.removeListener(other);
		assertThat(afterLoser.get(0).isEmpty()).isTrue();
	}

	@Test
	@Timeout(30)
	void aClaimerWhoseRegistrationAHelperTookOutCatchesUpBeforeReturning() throws Exception {
		this.registry.addListener(this.listener);
		List<RegistrySnapshot> caughtUp = new CopyOnWriteArrayList<>();
		this.registry.setCatchUpHook(caughtUp::add);
		CountDownLatch winnerClaimed = new CountDownLatch(1);
		CountDownLatch releaseWinner = new CountDownLatch(1);
		CountDownLatch helperInstalled = new CountDownLatch(1);
		CountDownLatch releaseHelper = new CountDownLatch(1);
		Thread[] winner = new Thread[1];
		this.registry.setPrepareHook((current, next) -> {
			if (Thread.currentThread() == winner[0]) {
				winnerClaimed.countDown();
				await(releaseWinner);
			}
		});
		List<RegistrySnapshot> installedByHelper = new CopyOnWriteArrayList<>();
		this.registry.setChangeHook((installed) -> {
			installedByHelper.add(installed);
			helperInstalled.countDown();
			await(releaseHelper);
		});
		winner[0] = new Thread(() -> this.registry.removeListener(this.listener), "winner");
		winner[0].start();
		assertThat(winnerClaimed.await(10, TimeUnit.SECONDS)).isTrue();
		// Another thread's remove of the same listener: it takes the listener out and is held in its change hook,
		// its snapshot not settled yet.
		Thread helper = new Thread(() -> this.registry.removeListener(this.listener), "helper");
		helper.start();
		assertThat(helperInstalled.await(10, TimeUnit.SECONDS)).isTrue();
		releaseWinner.countDown();
		winner[0].join(10_000);
		assertThat(winner[0].isAlive()).isFalse();
		// The winner installed nothing of its own, and returned only after telling the catch-up hook of the
		// helper's unsettled snapshot.
		assertThat(caughtUp).containsExactlyElementsOf(installedByHelper);
		releaseHelper.countDown();
		helper.join(10_000);
		assertThat(this.registry.current().instances()).isEmpty();
		assertThat(this.registry.current().isSettled()).isTrue();
	}

	@Test
	void anAddDuringARemoveFindsTheListenerStillRegisteredAndTheRemoveTakesItOut() {
		InstanceRegistration registration = this.registry.addListener(this.listener);
		List<InstanceRegistration> returnedByAdd = new ArrayList<>();
		List<RegistrySnapshot> afterAdd = new ArrayList<>();
		onceBeforeTheWinnersCas(() -> {
			returnedByAdd.add(this.registry.addListener(this.listener));
			afterAdd.add(this.registry.current());
		});
		this.registry.removeListener(this.listener);
		// The add is ordered before the remove, which had claimed the registration but not taken it out: a
		// no-op that returns the registration in force and installs nothing (no second registration of the
		// listener beside the claimed one).
		assertThat(returnedByAdd).containsExactly(registration);
		assertThat(afterAdd.get(0).version()).isEqualTo(1);
		assertThat(this.registry.current().instances()).isEmpty();
		assertThat(registration.stateName()).isEqualTo("REMOVED");
	}

	@Test
	void anAddOfAProxyTakesOutItsTargetThoughAConcurrentRemoveClaimedIt() {
		InstanceRegistration target = this.registry.addListener(this.listener);
		ApplicationListener<?> proxy = (ApplicationListener<?>) new ProxyFactory(this.listener).getProxy();
		List<RegistrySnapshot> afterAdd = new ArrayList<>();
		onceBeforeTheWinnersCas(() -> {
			this.registry.addListener(proxy);
			afterAdd.add(this.registry.current());
		});
		this.registry.removeListener(this.listener);
		// No snapshot holds the proxy and its target: the add takes out the target whose remove is in progress
		// (a resolution reading that snapshot would invoke the listener twice).
		assertThat(Arrays.stream(afterAdd.get(0).instances()).map(InstanceRegistration::listener))
			.containsExactly(proxy);
		assertThat(Arrays.stream(this.registry.current().instances()).map(InstanceRegistration::listener))
			.containsExactly(proxy);
		assertThat(target.stateName()).isEqualTo("REMOVED");
	}

	/**
	 * Run {@code other} (another remove, or an add) once, on this thread, in the next remove between its claim
	 * and its CAS.
	 */
	private void onceBeforeTheWinnersCas(Runnable other) {
		this.registry.setPrepareHook((current, next) -> {
			this.registry.setPrepareHook(null);
			other.run();
		});
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
