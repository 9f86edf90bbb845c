package dev.lockfree.events.support;

import java.util.concurrent.TimeUnit;

/**
 * How an asynchronous benchmark waits for its events: until a listener's counter for one publisher reaches
 * the total that publisher has sent, then checks the total is exact (once all of a publisher's events are
 * handled none is in flight, so a larger total means an event was handled twice). Waits with {@link Idle}.
 */
public final class AwaitDelivery {

	/** A publisher waiting longer than this for its events reports the subject as broken. */
	public static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);

	private AwaitDelivery() {
	}

	/**
	 * Wait until {@code listener} has handled exactly {@code expected} from {@code publisher}.
	 * @param subject the subject's name, for the error message
	 * @throws IllegalStateException if the total is not reached within {@link #MAX_WAIT_NANOS}, or overshoots
	 */
	public static void awaitTotal(String subject, AtomicCountingListener listener, int publisher, long expected) {
		int idleRounds = 0;
		long deadline = 0;
		long total;
		while ((total = listener.total(publisher)) < expected) {
			Idle.idle(idleRounds++);
			if ((idleRounds & 0xFFFF) == 0) {
				long now = System.nanoTime();
				if (deadline == 0) {
					deadline = now + MAX_WAIT_NANOS;
				}
				else if (now - deadline > 0) {
					throw new IllegalStateException(subject + ": a listener handled " + total + " of " + expected
							+ " from publisher " + publisher + " within "
							+ TimeUnit.NANOSECONDS.toSeconds(MAX_WAIT_NANOS) + " s");
				}
			}
		}
		if (total != expected) {
			throw new IllegalStateException(subject + ": a listener handled " + total + " events from publisher "
					+ publisher + ", " + expected + " were published");
		}
	}

}
