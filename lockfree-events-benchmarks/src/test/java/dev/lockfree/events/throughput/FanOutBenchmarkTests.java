package dev.lockfree.events.throughput;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Every fan-out subject runs outside JMH with few and many listeners, and its delivery check passes: each
 * listener received every event (sync, at the trial's end; async, on every operation).
 */
class FanOutBenchmarkTests {

	@ParameterizedTest
	@CsvSource({ "lockfree, 1", "lockfree, 1000", "spring, 1", "spring, 1000", "loop, 1", "loop, 1000" })
	void syncSubjectDeliversEveryEventToEveryListener(String subject, int listeners) {
		FanOutBenchmark.Sync benchmark = new FanOutBenchmark.Sync();
		benchmark.subject = subject;
		benchmark.listeners = listeners;
		benchmark.setUp();
		for (int i = 0; i < 50; i++) {
			benchmark.multicast();
		}
		assertThatNoException().isThrownBy(benchmark::tearDown);
	}

	@ParameterizedTest
	@CsvSource({ "lockfree-1lane, 1", "lockfree-1lane, 100", "lockfree-2lanes, 10", "lockfree-2lanes, 100",
			"spring-executor, 1", "spring-executor, 100", "disruptor-mp, 1", "disruptor-mp, 100" })
	@Timeout(60)
	void asyncSubjectDeliversEveryEventOfEveryBatch(String subject, int listeners) {
		FanOutBenchmark.Async benchmark = new FanOutBenchmark.Async();
		benchmark.subject = subject;
		benchmark.listeners = listeners;
		benchmark.setUp();
		try {
			long delivered = 0;
			for (int i = 0; i < 5; i++) {
				delivered = benchmark.publishBatch();
			}
			assertThat(delivered).isEqualTo(5L * FanOutBenchmark.Async.EVENTS_PER_OP);
		}
		finally {
			benchmark.tearDown();
		}
	}

}
