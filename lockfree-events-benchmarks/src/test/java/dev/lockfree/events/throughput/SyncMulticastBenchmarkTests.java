package dev.lockfree.events.throughput;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Every subject runs both benchmark methods outside JMH, and the trial tear-down's delivery check passes:
 * each matching listener received every event, the others none.
 */
class SyncMulticastBenchmarkTests {

	@ParameterizedTest
	@ValueSource(strings = { "lockfree", "lockfree-metrics", "spring", "loop" })
	void subjectDeliversToExactlyTheMatchingListeners(String subject) {
		SyncMulticastBenchmark benchmark = new SyncMulticastBenchmark();
		benchmark.subject = subject;
		benchmark.setUp();
		for (int i = 0; i < 100; i++) {
			benchmark.multicast();
			benchmark.multicastWithType();
		}
		assertThatNoException().isThrownBy(benchmark::tearDown);
	}

}
