package dev.lockfree.events.support;

import org.springframework.context.ApplicationListener;

/**
 * A listener for synchronous benchmarks: adds the event's amount to its own {@link PaddedCounter} with a
 * plain add. Only the publishing thread ever calls it.
 */
public final class CountingListener implements ApplicationListener<MeasuredEvent> {

	private final PaddedCounter counter = new PaddedCounter();

	@Override
	public void onApplicationEvent(MeasuredEvent event) {
		this.counter.add(event.amount());
	}

	/** The sum of the amounts received (read it on the publishing thread). */
	public long total() {
		return this.counter.getPlain();
	}

}
