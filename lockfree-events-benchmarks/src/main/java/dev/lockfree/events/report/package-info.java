/**
 * Turns JMH's JSON results and the latency CSVs into {@code benchmark-results/RESULTS.md} (tables, and the
 * issue-7 goals judged from them) and into two SVG charts, {@code throughput.svg} and {@code latency.svg},
 * written by hand as text.
 */
package dev.lockfree.events.report;
