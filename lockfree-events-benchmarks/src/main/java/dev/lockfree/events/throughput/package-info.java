/**
 * Throughput benchmarks: our multicaster beside Spring's and other baselines, the subject chosen with a
 * {@code subject} parameter so that all run in one JMH run: synchronous and asynchronous dispatch, fan-out to
 * 1 to 1000 listeners, and publishing while other threads register and unregister listeners (JMH groups).
 * Run them with {@code scripts/run-benchmarks.sh}.
 */
package dev.lockfree.events.throughput;
