package dev.lockfree.events.support;

/**
 * One subject of an asynchronous benchmark: something that hands each published event to the benchmark's
 * listeners on other threads (or, for the latency runs' floor, calls them itself). The benchmark publishes
 * through it and waits on the listeners' counters, so the dispatcher itself needs no completion signal.
 */
public interface AsyncSubject extends AutoCloseable {

	/**
	 * Hand the event to every listener; may return before they have run.
	 * @param event the event to deliver
	 */
	void publish(MeasuredEvent event);

	/** Stop the dispatcher's threads. Called once, when no event is in flight. */
	@Override
	void close();

}
