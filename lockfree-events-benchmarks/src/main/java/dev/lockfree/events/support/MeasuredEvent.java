package dev.lockfree.events.support;

import org.springframework.context.ApplicationEvent;

/**
 * The event the benchmarks publish. It lives outside {@code org.springframework} so that no multicaster
 * treats it as a framework event. It is immutable, so one instance per publisher can be allocated up front
 * and published again and again: allocation measured per operation is then the dispatcher's alone.
 */
public final class MeasuredEvent extends ApplicationEvent {

	private final int publisher;

	private final long amount;

	/**
	 * @param source the event source
	 * @param publisher index of the publishing thread, from 0; listeners count per publisher
	 * @param amount what each listener adds to its counter
	 */
	public MeasuredEvent(Object source, int publisher, long amount) {
		super(source);
		this.publisher = publisher;
		this.amount = amount;
	}

	/** Index of the publishing thread, from 0. */
	public int publisher() {
		return this.publisher;
	}

	/** What each listener adds to its counter. */
	public long amount() {
		return this.amount;
	}

}
