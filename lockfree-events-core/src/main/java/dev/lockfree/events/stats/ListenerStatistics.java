package dev.lockfree.events.stats;

/**
 * One listener as the multicaster sees it.
 *
 * @param id listener id ({@code SmartApplicationListener#getListenerId()}, or the class name and identity)
 * @param order its order for sorting
 * @param beanName the bean it came from, or {@code null} when added as an instance
 * @param async whether it runs on a lane for the events it has been routed so far
 * @param invocations completed invocations
 * @param errors invocations that threw
 * @param execution sampled execution time
 */
public record ListenerStatistics(String id, int order, String beanName, boolean async, long invocations,
		long errors, TimingStatistics execution) {
}
