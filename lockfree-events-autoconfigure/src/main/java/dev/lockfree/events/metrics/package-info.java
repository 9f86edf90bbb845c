/**
 * Micrometer meters for the lock-free multicaster, read from its statistics view.
 */
package dev.lockfree.events.metrics;
