package dev.lockfree.events.reliability;

/**
 * Prints the counts of a reliability run on standard output, one line per scenario, prefixed so that they
 * can be found in the build log ({@code grep '\[reliability\]'}) and copied into docs/RELIABILITY.md.
 */
final class Report {

	private Report() {
	}

	static void record(String scenario, String counts) {
		System.out.println("[reliability] " + scenario + ": " + counts);
	}

}
