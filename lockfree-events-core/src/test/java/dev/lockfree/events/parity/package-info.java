/**
 * Differential parity suite: every scenario runs the same listeners and publishing code against Spring's
 * {@code SimpleApplicationEventMulticaster} and against {@code LockFreeApplicationEventMulticaster} (default,
 * SYNC mode), each time inside real application contexts, and asserts that both runs leave the same
 * {@link dev.lockfree.events.parity.Trace}.
 *
 * <p>Pieces: {@link dev.lockfree.events.parity.Subject} (which multicaster),
 * {@link dev.lockfree.events.parity.ParityRun} (contexts wired with the subject's multicaster bean and the trace),
 * {@link dev.lockfree.events.parity.ParityHarness} (runs a scenario twice and compares). Test classes group the
 * scenarios by theme and name in their Javadoc the items of {@code spring-semantics.md} they cover.
 *
 * <p>Run: {@code mvn -B -q -pl lockfree-events-core test -Dtest='*ParityTests,ParityHarnessTests'}. Adding
 * {@code -Dparity.candidate=spring} puts Spring's multicaster on both sides: every scenario must then pass,
 * which checks the scenarios themselves.
 */
package dev.lockfree.events.parity;
