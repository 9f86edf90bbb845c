/**
 * Auto-configuration for the lock-free multicaster's Micrometer metrics.
 */
package dev.lockfree.events.autoconfigure.metrics;
