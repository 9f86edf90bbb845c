package dev.lockfree.events.baseline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ApplicationListener;

import dev.lockfree.events.support.AsyncSubject;
import dev.lockfree.events.support.AtomicCountingListener;
import dev.lockfree.events.support.MeasuredEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each baseline delivers every event to every listener exactly once: the benchmark's scores mean nothing
 * otherwise.
 */
class BaselineDispatchersTests {

	private static final int EVENTS = 5000;

	static Stream<Arguments> baselines() {
		return Stream.of(
				baseline("spring-executor", (listeners) -> new SpringExecutorDispatcher(listeners, 2)),
				baseline("disruptor-mp", (listeners) -> new DisruptorDispatcher(listeners, 1024, new BlockingWaitStrategy())),
				baseline("disruptor-mp-yield",
						(listeners) -> new DisruptorDispatcher(listeners, 1024, new YieldingWaitStrategy())),
				baseline("jctools-mpsc", (listeners) -> new MpscQueueDispatcher(listeners, 1024)),
				baseline("guava-async", (listeners) -> new GuavaAsyncDispatcher(listeners, 2)),
				baseline("direct", DirectDispatcher::new));
	}

	private static Arguments baseline(String name, Function<AtomicCountingListener[], AsyncSubject> factory) {
		return Arguments.of(name, factory);
	}

	@Test
	void directCallsEveryListenerInOrderOnThePublishingThreadBeforeReturning() {
		List<String> calls = new ArrayList<>();
		@SuppressWarnings("unchecked")
		ApplicationListener<MeasuredEvent>[] listeners = new ApplicationListener[3];
		for (int i = 0; i < listeners.length; i++) {
			String name = "listener-" + i;
			listeners[i] = (event) -> calls.add(name + " on " + Thread.currentThread().getName());
		}
		String publisher = Thread.currentThread().getName();
		try (AsyncSubject subject = new DirectDispatcher(listeners)) {
			subject.publish(new MeasuredEvent(this, 0, 1L));
			assertThat(calls).containsExactly("listener-0 on " + publisher, "listener-1 on " + publisher,
					"listener-2 on " + publisher);
			subject.publish(new MeasuredEvent(this, 0, 1L));
			assertThat(calls).hasSize(6);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("baselines")
	void deliversEveryEventToEveryListenerExactlyOnce(String name,
			Function<AtomicCountingListener[], AsyncSubject> factory) throws InterruptedException {
		AtomicCountingListener[] listeners = new AtomicCountingListener[3];
		for (int i = 0; i < listeners.length; i++) {
			listeners[i] = new AtomicCountingListener(2);
		}
		AsyncSubject subject = factory.apply(listeners);
		try {
			MeasuredEvent fromFirst = new MeasuredEvent(this, 0, 1L);
			MeasuredEvent fromSecond = new MeasuredEvent(this, 1, 3L);
			for (int i = 0; i < EVENTS; i++) {
				subject.publish(fromFirst);
				subject.publish(fromSecond);
			}
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			for (AtomicCountingListener listener : listeners) {
				while (listener.total(1) < 3L * EVENTS && System.nanoTime() < deadline) {
					Thread.sleep(1);
				}
			}
			Thread.sleep(20);
			for (AtomicCountingListener listener : listeners) {
				assertThat(listener.total(0)).isEqualTo(EVENTS);
				assertThat(listener.total(1)).isEqualTo(3L * EVENTS);
			}
		}
		finally {
			subject.close();
		}
	}

}
