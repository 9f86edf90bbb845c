/**
 * The baselines our asynchronous dispatch is measured against: Spring's multicaster on a task executor,
 * the LMAX Disruptor, a raw JCTools queue (the floor) and Guava's {@code AsyncEventBus}. Each invokes the
 * same listener objects as our multicaster does.
 */
package dev.lockfree.events.baseline;
