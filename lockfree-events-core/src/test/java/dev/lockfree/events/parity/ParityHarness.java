package dev.lockfree.events.parity;

import java.util.List;

/**
 * Runs a {@link ParityScenario} once with Spring's multicaster and once with ours, and fails unless both runs
 * leave exactly the same {@link Trace}.
 *
 * <p>{@link #assertParity(ParityScenario)} returns the common trace so that the test can also assert what it
 * contains: a scenario that behaves wrongly with both multicasters must not pass.
 */
final class ParityHarness {

	private ParityHarness() {
	}

	/**
	 * Run the scenario against both subjects, assert that their traces are equal and not empty, and return
	 * the trace.
	 */
	static List<String> assertParity(ParityScenario scenario) {
		Outcome spring = execute(Subject.SPRING, scenario);
		Outcome lockfree = execute(Subject.LOCKFREE, scenario);
		if (!spring.entries().equals(lockfree.entries())) {
			throw new AssertionError(difference(spring.entries(), lockfree.entries()), lockfree.failure());
		}
		if (spring.failure() != null) {
			throw new AssertionError("Scenario failed with both multicasters (harness or scenario bug)",
					spring.failure());
		}
		if (spring.entries().isEmpty()) {
			throw new AssertionError("Scenario recorded nothing: it cannot tell the multicasters apart");
		}
		return spring.entries();
	}

	private static Outcome execute(Subject subject, ParityScenario scenario) {
		Trace trace = new Trace(Thread.currentThread());
		ParityRun run = new ParityRun(subject, trace);
		Throwable failure = null;
		try {
			scenario.run(run);
		}
		catch (Throwable ex) {
			failure = ex;
			trace.note("scenario aborted: " + Trace.describe(ex));
		}
		finally {
			try {
				run.closeAll();
			}
			catch (Throwable ex) {
				failure = (failure != null) ? failure : ex;
				trace.note("closing contexts failed: " + Trace.describe(ex));
			}
		}
		return new Outcome(trace.entries(), failure);
	}

	private static String difference(List<String> spring, List<String> lockfree) {
		int first = 0;
		while (first < spring.size() && first < lockfree.size() && spring.get(first).equals(lockfree.get(first))) {
			first++;
		}
		StringBuilder message = new StringBuilder("Parity gap: traces differ at entry ").append(first)
			.append("\n  SPRING:   ").append(entryAt(spring, first))
			.append("\n  LOCKFREE: ").append(entryAt(lockfree, first))
			.append("\nSPRING trace:");
		spring.forEach((entry) -> message.append("\n    ").append(entry));
		message.append("\nLOCKFREE trace:");
		lockfree.forEach((entry) -> message.append("\n    ").append(entry));
		return message.toString();
	}

	private static String entryAt(List<String> entries, int index) {
		return (index < entries.size()) ? entries.get(index) : "<end of trace>";
	}

	private record Outcome(List<String> entries, Throwable failure) {
	}

}
