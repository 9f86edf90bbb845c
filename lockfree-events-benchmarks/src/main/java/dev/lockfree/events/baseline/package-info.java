/**
 * The baselines our asynchronous dispatch is measured against: Spring's multicaster on a task executor,
 * the LMAX Disruptor, a raw JCTools queue (the floor) and Guava's {@code AsyncEventBus}; and, for the latency
 * runs, a dispatcher with no hand-off at all ({@link dev.lockfree.events.baseline.DirectDispatcher}). Each
 * invokes the same listener objects as our multicaster does.
 */
package dev.lockfree.events.baseline;
