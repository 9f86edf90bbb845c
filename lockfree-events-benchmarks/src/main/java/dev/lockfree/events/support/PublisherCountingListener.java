package dev.lockfree.events.support;

import org.springframework.context.ApplicationListener;

/**
 * A listener for synchronous benchmarks with several publishing threads: adds the event's amount, with a
 * plain add, to the {@link PaddedCounter} of the event's publisher. Each counter is written by one thread
 * only (the publisher, since synchronous dispatch runs listeners on the publishing thread), so no add needs
 * to be atomic and no two publishers write the same cache line.
 */
public final class PublisherCountingListener implements ApplicationListener<MeasuredEvent> {

	private final PaddedCounter[] counters;

	/**
	 * @param publishers the number of publishing threads, one counter each
	 */
	public PublisherCountingListener(int publishers) {
		this.counters = new PaddedCounter[publishers];
		for (int i = 0; i < publishers; i++) {
			this.counters[i] = new PaddedCounter();
		}
	}

	@Override
	public void onApplicationEvent(MeasuredEvent event) {
		this.counters[event.publisher()].add(event.amount());
	}

	/**
	 * The sum of the amounts received from one publisher; read it once that publisher has stopped.
	 * @param publisher the publisher's index
	 */
	public long total(int publisher) {
		return this.counters[publisher].getVolatile();
	}

}
