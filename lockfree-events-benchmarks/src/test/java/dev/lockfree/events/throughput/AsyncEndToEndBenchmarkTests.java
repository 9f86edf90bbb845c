package dev.lockfree.events.throughput;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.lockfree.events.support.MeasuredEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every subject completes operations outside JMH, from two publishers, with the exact-delivery check of each
 * operation passing.
 */
class AsyncEndToEndBenchmarkTests {

	@ParameterizedTest
	@ValueSource(strings = { "lockfree-1lane", "lockfree-2lanes", "spring-executor", "disruptor-mp",
			"disruptor-mp-yield", "jctools-mpsc", "guava-async" })
	@Timeout(60)
	void subjectDeliversEveryEventOfEveryOperation(String subject) {
		AsyncEndToEndBenchmark benchmark = new AsyncEndToEndBenchmark();
		benchmark.subject = subject;
		benchmark.eventsPerOp = 1000;
		benchmark.setUp();
		try {
			AsyncEndToEndBenchmark.Publisher first = publisher(0);
			AsyncEndToEndBenchmark.Publisher second = publisher(1);
			for (int i = 0; i < 5; i++) {
				benchmark.onePublisher(first);
				benchmark.onePublisher(second);
			}
			assertThat(first.delivered).isEqualTo(5000);
			assertThat(second.delivered).isEqualTo(5000);
		}
		finally {
			benchmark.tearDown();
		}
	}

	private static AsyncEndToEndBenchmark.Publisher publisher(int index) {
		AsyncEndToEndBenchmark.Publisher publisher = new AsyncEndToEndBenchmark.Publisher();
		publisher.index = index;
		publisher.event = new MeasuredEvent(publisher, index, 1L);
		return publisher;
	}

}
