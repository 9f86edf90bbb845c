package dev.lockfree.events.support;

/**
 * How benchmark threads wait for something another thread will do: spin with {@link Thread#onSpinWait()}
 * first, then yield the core. On a machine with as many busy threads as cores (two here), pure spinning
 * would starve the very thread being waited for; every subject and baseline waits the same way.
 */
public final class Idle {

	/** Spins before the first {@link Thread#yield()}. */
	public static final int SPINS = 1000;

	private Idle() {
	}

	/**
	 * Wait a little; call it in a loop with the number of idle rounds so far.
	 * @param idleRounds how many times the caller has waited in a row, from 0
	 */
	public static void idle(int idleRounds) {
		if (idleRounds < SPINS) {
			Thread.onSpinWait();
		}
		else {
			Thread.yield();
		}
	}

}
