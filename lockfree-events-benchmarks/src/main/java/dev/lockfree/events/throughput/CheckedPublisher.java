package dev.lockfree.events.throughput;

import dev.lockfree.events.support.MeasuredEvent;
import dev.lockfree.events.support.PublisherCountingListener;

/**
 * What the publishing threads of the registration benchmarks share: their index among the group's publishers,
 * their event, how many they published, and the check, at the end of the trial, that every permanent listener
 * received each of their events exactly once. Each benchmark's {@code Publisher} state extends it and only adds
 * the JMH set-up and tear-down methods (JMH injects the enclosing benchmark type, which differs).
 */
abstract class CheckedPublisher {

	/** Publisher threads a benchmark group may have: the listeners count per publisher index. */
	static final int MAX_PUBLISHERS = 8;

	int index;

	MeasuredEvent event;

	long published;

	private String subject;

	private PublisherCountingListener[] listeners;

	/** Become publisher {@code index} of a group publishing to {@code listeners}. */
	void bind(int index, String subject, PublisherCountingListener[] listeners) {
		if (index >= MAX_PUBLISHERS) {
			throw new IllegalArgumentException("At most " + MAX_PUBLISHERS + " publisher threads");
		}
		this.index = index;
		this.event = new MeasuredEvent(this, index, 1L);
		this.subject = subject;
		this.listeners = listeners;
	}

	/** Fail unless every permanent listener received each event of this publisher exactly once. */
	void checkDelivered() {
		MulticasterSubjects.checkDelivered(this.subject, this.listeners, this.index, this.published);
	}

}
