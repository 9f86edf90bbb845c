package dev.lockfree.events.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one listener. Synchronous invocations through cached routes are not counted here per call (that
 * would put an atomic per listener on the hot path): they are derived from the routes' publish counts, minus
 * {@link #skipped()}. Everything else (async invocations, calls through uncached routes, errors, skips) is
 * counted directly with striped adders, off the synchronous fast path.
 */
public final class ListenerMetrics {

	private final String id;

	private final String beanName;

	private final int order;

	private final int laneHint;

	private final LongAdder directInvocations = new LongAdder();

	private final LongAdder routedInvocations = new LongAdder();

	private final LongAdder skipped = new LongAdder();

	private final LongAdder errors = new LongAdder();

	private final SampledTimer execution = new SampledTimer();

	private volatile boolean async;

	public ListenerMetrics(String id, String beanName, int order, int laneHint) {
		this.id = id;
		this.beanName = beanName;
		this.order = order;
		this.laneHint = laneHint;
	}

	public String id() {
		return this.id;
	}

	public String beanName() {
		return this.beanName;
	}

	public int order() {
		return this.order;
	}

	/** Lane assigned to this listener for events without an ordering key (before reducing modulo lanes). */
	public int laneHint() {
		return this.laneHint;
	}

	/** One invocation counted directly (async, or through a route that is not cached). */
	public void invokedDirectly() {
		this.directInvocations.increment();
	}

	/** Invocations folded in from retired routes. */
	public void addRoutedInvocations(long count) {
		this.routedInvocations.add(count);
	}

	/** A dispatch that named this listener did not invoke it (removed meanwhile, or an earlier listener threw). */
	public void skippedOnce() {
		this.skipped.increment();
	}

	public void failedOnce() {
		this.errors.increment();
	}

	public SampledTimer execution() {
		return this.execution;
	}

	public void markAsync(boolean async) {
		if (this.async != async) {
			this.async = async;
		}
	}

	public boolean isAsync() {
		return this.async;
	}

	public long directInvocations() {
		return this.directInvocations.sum();
	}

	public long routedInvocations() {
		return this.routedInvocations.sum();
	}

	public long skipped() {
		return this.skipped.sum();
	}

	public long errors() {
		return this.errors.sum();
	}

}
