package dev.lockfree.events.support;

import com.google.common.eventbus.AllowConcurrentEvents;
import com.google.common.eventbus.Subscribe;
import org.springframework.context.ApplicationListener;

/**
 * A listener for asynchronous benchmarks: adds the event's amount, atomically, to the {@link PaddedCounter}
 * of the event's publisher. One counter per publisher lets each publishing thread wait for exactly its own
 * events; atomic adds keep the count right when a dispatcher runs the same listener on several threads at
 * once (Spring's executor, Guava's {@code AsyncEventBus}).
 *
 * <p>The same object serves every subject: Spring and our multicaster call
 * {@link #onApplicationEvent(MeasuredEvent)} as an {@code ApplicationListener}, Guava calls it as a
 * {@code @Subscribe} method (marked {@code @AllowConcurrentEvents}, so Guava does not wrap it in a
 * {@code synchronized} block the other subjects do not pay for), and the hand-written baselines call it
 * directly.
 */
public final class AtomicCountingListener implements ApplicationListener<MeasuredEvent> {

	private final PaddedCounter[] counters;

	/**
	 * @param publishers the number of publishing threads, one counter each
	 */
	public AtomicCountingListener(int publishers) {
		this.counters = new PaddedCounter[publishers];
		for (int i = 0; i < publishers; i++) {
			this.counters[i] = new PaddedCounter();
		}
	}

	@Override
	@Subscribe
	@AllowConcurrentEvents
	public void onApplicationEvent(MeasuredEvent event) {
		this.counters[event.publisher()].addAtomic(event.amount());
	}

	/**
	 * The sum of the amounts received from one publisher, read with volatile semantics.
	 * @param publisher the publisher's index
	 */
	public long total(int publisher) {
		return this.counters[publisher].getVolatile();
	}

}
