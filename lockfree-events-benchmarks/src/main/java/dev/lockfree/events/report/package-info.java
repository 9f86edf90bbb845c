/**
 * Turns JMH's JSON results into {@code benchmark-results/RESULTS.md}.
 */
package dev.lockfree.events.report;
