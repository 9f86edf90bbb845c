/**
 * Throughput benchmarks: our multicaster beside Spring's and other baselines, the subject chosen with a
 * {@code subject} parameter so that all run in one JMH run. Run them with {@code scripts/run-benchmarks.sh}.
 */
package dev.lockfree.events.throughput;
