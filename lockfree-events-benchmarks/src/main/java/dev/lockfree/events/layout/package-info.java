/**
 * Proof of padding: {@link dev.lockfree.events.layout.LayoutReport} prints, with JOL, where this JVM puts the
 * hot fields of our lane and of the benchmarks' padded counter, and checks they are a cache line apart.
 */
package dev.lockfree.events.layout;
