package dev.lockfree.events.support;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A {@code long} with about a cache line of padding on each side, so that counters written by different
 * threads, or a counter and the fields of the object that holds it, never share a cache line.
 *
 * <p>Adding to one of these is the whole of a benchmark listener's work: the same in every subject, cheap
 * enough that the dispatch around it dominates, and impossible for the JIT to remove.
 *
 * <p>Padding is by class hierarchy (the JVM lays out a superclass's fields before a subclass's): seven longs
 * in {@code PaddedCounterLeftPadding}, the value, seven longs in this class.
 */
public final class PaddedCounter extends PaddedCounterValue {

	long p11, p12, p13, p14, p15, p16, p17;

	private static final VarHandle VALUE;

	static {
		try {
			VALUE = MethodHandles.lookup().findVarHandle(PaddedCounterValue.class, "value", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/**
	 * Plain add: for a counter only ever written by one thread, read after that thread is done.
	 * @param delta the amount to add
	 */
	public void add(long delta) {
		this.value += delta;
	}

	/**
	 * Atomic add (a full fence, {@code getAndAdd}): for a counter several threads may add to at once, read
	 * by another thread with {@link #getVolatile()}.
	 * @param delta the amount to add
	 */
	public void addAtomic(long delta) {
		VALUE.getAndAdd(this, delta);
	}

	/** The value, read with volatile semantics: sees every {@link #addAtomic} that completed before. */
	public long getVolatile() {
		return (long) VALUE.getVolatile(this);
	}

	/** The value, read plainly: for the thread that writes it. */
	public long getPlain() {
		return this.value;
	}

}

/** Padding before the value. */
abstract class PaddedCounterLeftPadding {

	long p01, p02, p03, p04, p05, p06, p07;

}

/** The value itself, between two paddings. */
abstract class PaddedCounterValue extends PaddedCounterLeftPadding {

	long value;

}
