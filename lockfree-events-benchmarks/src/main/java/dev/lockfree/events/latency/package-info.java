/**
 * Latency under load, outside JMH: {@link dev.lockfree.events.latency.LatencyMain} sends events on a schedule
 * (constant, Poisson, stepped) and records publish-to-handled latency from each event's intended send time
 * with HdrHistogram, for our multicaster, Spring's async multicaster and the Disruptor.
 */
package dev.lockfree.events.latency;
