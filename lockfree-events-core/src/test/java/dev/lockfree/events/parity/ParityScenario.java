package dev.lockfree.events.parity;

/**
 * Publishing code that a parity test runs once per {@link Subject}.
 */
@FunctionalInterface
interface ParityScenario {

	void run(ParityRun run) throws Exception;

}
