package dev.lockfree.events.baseline;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.google.common.eventbus.AsyncEventBus;

import dev.lockfree.events.support.AsyncSubject;
import dev.lockfree.events.support.MeasuredEvent;

/**
 * Guava's {@link AsyncEventBus} on a fixed thread pool: the listeners are registered as subscribers (their
 * {@code @Subscribe} methods) and Guava submits one task per subscriber call.
 */
public final class GuavaAsyncDispatcher implements AsyncSubject {

	private final ExecutorService executor;

	private final AsyncEventBus eventBus;

	/**
	 * @param subscribers objects with {@code @Subscribe} methods, registered in this order
	 * @param threads the pool size
	 */
	public GuavaAsyncDispatcher(Object[] subscribers, int threads) {
		this.executor = Executors.newFixedThreadPool(threads, new DaemonThreads("guava-async-"));
		this.eventBus = new AsyncEventBus("benchmark", this.executor);
		for (Object subscriber : subscribers) {
			this.eventBus.register(subscriber);
		}
	}

	@Override
	public void publish(MeasuredEvent event) {
		this.eventBus.post(event);
	}

	@Override
	public void close() {
		this.executor.shutdown();
		try {
			this.executor.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
