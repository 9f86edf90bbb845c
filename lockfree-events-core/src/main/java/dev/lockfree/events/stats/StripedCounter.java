package dev.lockfree.events.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A counter for many writer threads that can be sealed: once {@link #seal() sealed}, its total is handed to
 * whoever sealed it, and every later increment tells its writer that it came too late, so that the writer
 * counts that one elsewhere. No increment is counted twice or lost, and nobody waits.
 *
 * <p>Four stripes, each alone on its own 128-byte span of this object (padding fields in the superclasses, which
 * HotSpot lays out before a subclass's, as JCTools does) so that writers on different stripes never share a cache
 * line (nor an adjacent-line prefetch pair), nor a line with the object's header or its neighbours. A writer picks
 * its stripe by its thread id, so threads with different ids modulo four never contend; threads that share a stripe
 * stay correct (an atomic add) and only slow each other down. {@link #getAndIncrement()} returns the stripe's count
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
 * reads each stripe with volatile semantics and is not atomic across stripes. The stripes are fields of the
 * counter itself, not elements of an array it points to: no object between a writer and its stripe, nor an array
 * length to read, which matters to publishers under registration churn, where a change brings a new route and
 * possibly a new counter whose lines they must fetch (routes pass counters on where they can: see the dispatch
 * package's {@code Route#previousPublishes}).
 */
public final class StripedCounter extends StripedCounterCell3Pad {

	private static final int STRIPES = 4;

	private static final VarHandle[] CELLS = new VarHandle[STRIPES];

	private static final VarHandle SEAL_CLAIMED;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			SEAL_CLAIMED = lookup.findVarHandle(StripedCounterHeaderPad.class, "sealClaimed", int.class);
			CELLS[0] = lookup.findVarHandle(StripedCounterCell0.class, "cell0", long.class);
			CELLS[1] = lookup.findVarHandle(StripedCounterCell1.class, "cell1", long.class);
			CELLS[2] = lookup.findVarHandle(StripedCounterCell2.class, "cell2", long.class);
			CELLS[3] = lookup.findVarHandle(StripedCounterCell3.class, "cell3", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private static final VarHandle CELL0 = CELLS[0];

	private static final VarHandle CELL1 = CELLS[1];

	private static final VarHandle CELL2 = CELLS[2];

	private static final VarHandle CELL3 = CELLS[3];

	/** Add one. */
	public void increment() {
		getAndIncrement();
	}

	/**
	 * Add one.
	 * @return the count of the writer's stripe before this increment: negative when the counter was sealed
	 * before it (see {@link #isSealed(long)}), in which case this increment is not in the sealed total; its
	 * low bits also serve for sampling ({@code (value & 63) == 0} is about one increment in 64)
	 */
	public long getAndIncrement() {
		// A switch over constant VarHandles, so that the JIT inlines each as a plain lock xadd on its field.
		return switch ((int) Thread.currentThread().getId() & (STRIPES - 1)) {
			case 0 -> (long) CELL0.getAndAdd(this, 1L);
			case 1 -> (long) CELL1.getAndAdd(this, 1L);
			case 2 -> (long) CELL2.getAndAdd(this, 1L);
			default -> (long) CELL3.getAndAdd(this, 1L);
		};
	}

	/**
	 * Whether {@link #seal()} was called (volatile read of a field on the counter's first line, which writers never
	 * touch): a new route should not take over a counter that is sealed or being sealed.
	 */
	public boolean isSealed() {
		return this.sealClaimed != 0;
	}

	/** Whether a value returned by {@link #getAndIncrement()} means the increment came after the seal. */
	public static boolean isSealed(long previous) {
		return previous < 0;
	}

	/**
	 * Seal the counter and return every increment made before, to the first caller only (later calls return 0).
	 * Increments after the seal report it to their writer and are not counted here.
	 */
	public long seal() {
		if (!SEAL_CLAIMED.compareAndSet(this, 0, 1)) {
			return 0;
		}
		long total = 0;
		for (VarHandle cell : CELLS) {
			long before = (long) cell.getAndAdd(this, Long.MIN_VALUE);
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
		for (VarHandle cell : CELLS) {
			sum += Math.max((long) cell.getVolatile(this), 0);
		}
		return sum;
	}

}

/** 128 bytes between the object header and stripe 0, holding the seal's claim. */
abstract class StripedCounterHeaderPad {

	/** 1 once {@link StripedCounter#seal()} was called: it seals once, for its first caller. */
	volatile int sealClaimed;

	long p000, p001, p002, p003, p004, p005, p006, p007;

	long p008, p009, p010, p011, p012, p013, p014, p015;

}

abstract class StripedCounterCell0 extends StripedCounterHeaderPad {

	/** Stripe 0: written only through {@link StripedCounter}'s VarHandles. */
	volatile long cell0;

}

abstract class StripedCounterCell0Pad extends StripedCounterCell0 {

	long p100, p101, p102, p103, p104, p105, p106, p107;

	long p108, p109, p110, p111, p112, p113, p114;

}

abstract class StripedCounterCell1 extends StripedCounterCell0Pad {

	/** Stripe 1: written only through {@link StripedCounter}'s VarHandles. */
	volatile long cell1;

}

abstract class StripedCounterCell1Pad extends StripedCounterCell1 {

	long p200, p201, p202, p203, p204, p205, p206, p207;

	long p208, p209, p210, p211, p212, p213, p214;

}

abstract class StripedCounterCell2 extends StripedCounterCell1Pad {

	/** Stripe 2: written only through {@link StripedCounter}'s VarHandles. */
	volatile long cell2;

}

abstract class StripedCounterCell2Pad extends StripedCounterCell2 {

	long p300, p301, p302, p303, p304, p305, p306, p307;

	long p308, p309, p310, p311, p312, p313, p314;

}

abstract class StripedCounterCell3 extends StripedCounterCell2Pad {

	/** Stripe 3: written only through {@link StripedCounter}'s VarHandles. */
	volatile long cell3;

}

abstract class StripedCounterCell3Pad extends StripedCounterCell3 {

	long p400, p401, p402, p403, p404, p405, p406, p407;

	long p408, p409, p410, p411, p412, p413, p414;

}
