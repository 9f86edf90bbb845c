package dev.lockfree.events.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A counter for many writer threads that can be sealed: once {@link #seal() sealed}, its total is handed to
 * whoever sealed it, and every later increment tells its writer that it came too late, so that the writer
 * counts that one elsewhere. No increment is counted twice or lost, and nobody waits.
 *
 * <p>Four stripes, each alone on its own 128-byte span of one {@code long[]} so that writers on
 * different stripes never share a cache line (nor an adjacent-line prefetch pair). A writer picks its stripe by
 * its thread id, so threads with different ids modulo four never contend; threads that share a stripe stay
 * correct (an atomic add) and only slow each other down. {@link #getAndIncrement()} returns the stripe's count
 * before the increment, which a writer may also use to take a sample (one increment in a power of two) without
 * calling a random number generator on the hot path.
 *
 * <h2>Sealing</h2>
 * {@link #seal()} adds {@link Long#MIN_VALUE} to every stripe with an atomic {@code getAndAdd}, which returns the
 * stripe's count at that instant: the sealer receives exactly the increments that came before its add. Every
 * increment is an atomic read-modify-write on one stripe, so it is ordered before or after the seal's add on
 * that stripe; one ordered after sees a negative previous value ({@link #isSealed(long)}) and must be counted by
 * its writer. A stripe stays negative for the next 2<sup>63</sup> increments.
 *
 * <p>Memory ordering: increments and the seal are atomic read-modify-writes (volatile semantics); {@link #sum()}
 * reads each stripe with volatile semantics and is not atomic across stripes. The cells are a plain
 * {@code long[]} accessed through an array-element {@link VarHandle}, not an {@code AtomicLongArray}: one object
 * fewer between a writer and its stripe, which matters to publishers under registration churn, where every
 * change brings a new route and with it a new counter whose lines they must fetch.
 */
public final class StripedCounter {

	private static final int STRIPES = 4;

	/** Longs per stripe: 16 longs are 128 bytes. */
	private static final int STRIDE = 16;

	private static final VarHandle CELL = MethodHandles.arrayElementVarHandle(long[].class);

	private final long[] cells = new long[STRIPES * STRIDE + STRIDE];

	/** Add one. */
	public void increment() {
		CELL.getAndAdd(this.cells, stripe(), 1L);
	}

	/**
	 * Add one.
	 * @return the count of the writer's stripe before this increment: negative when the counter was sealed
	 * before it (see {@link #isSealed(long)}), in which case this increment is not in the sealed total; its
	 * low bits also serve for sampling ({@code (value & 63) == 0} is about one increment in 64)
	 */
	public long getAndIncrement() {
		return (long) CELL.getAndAdd(this.cells, stripe(), 1L);
	}

	/** Whether a value returned by {@link #getAndIncrement()} means the increment came after the seal. */
	public static boolean isSealed(long previous) {
		return previous < 0;
	}

	/**
	 * Seal the counter and return every increment made before; call it once. Increments after the seal report it
	 * to their writer and are not counted here.
	 */
	public long seal() {
		long total = 0;
		for (int stripe = 0; stripe < STRIPES; stripe++) {
			long before = (long) CELL.getAndAdd(this.cells, STRIDE + stripe * STRIDE, Long.MIN_VALUE);
			total += Math.max(before, 0);
		}
		return total;
	}

	/**
	 * The total of the increments not yet handed over by {@link #seal()}: 0 once sealed. Not atomic with
	 * respect to concurrent increments.
	 */
	public long sum() {
		long sum = 0;
		for (int stripe = 0; stripe < STRIPES; stripe++) {
			sum += Math.max((long) CELL.getVolatile(this.cells, STRIDE + stripe * STRIDE), 0);
		}
		return sum;
	}

	private static int stripe() {
		// The first STRIDE longs are padding in front of stripe 0.
		return STRIDE + ((int) Thread.currentThread().getId() & (STRIPES - 1)) * STRIDE;
	}

}
