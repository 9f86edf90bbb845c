package dev.lockfree.events.latency;

import java.util.List;

import com.lmax.disruptor.BlockingWaitStrategy;
import org.springframework.context.ApplicationListener;

import dev.lockfree.events.DispatchMode;
import dev.lockfree.events.LockFreeEventOptions;
import dev.lockfree.events.OverflowPolicy;
import dev.lockfree.events.baseline.DirectDispatcher;
import dev.lockfree.events.baseline.DisruptorDispatcher;
import dev.lockfree.events.baseline.SpringExecutorDispatcher;
import dev.lockfree.events.support.AsyncSubject;
import dev.lockfree.events.support.LockFreeAsyncSubject;
import dev.lockfree.events.support.MeasuredEvent;

/**
 * The subjects of the latency runs, by name.
 * <ul>
 * <li>{@code lockfree}: our multicaster in async mode, every other option at its default (2 lanes of 4096,
 * {@code park} wait strategy, {@code block} overflow policy);</li>
 * <li>{@code lockfree-caller-runs}, {@code lockfree-drop}, {@code lockfree-fail}: the same with another
 * overflow policy, to show what each does past saturation;</li>
 * <li>{@code spring-async}: Spring's {@code SimpleApplicationEventMulticaster} with a 2-thread
 * {@code ThreadPoolTaskExecutor} (unbounded queue, one task per listener call);</li>
 * <li>{@code disruptor-mp}: the LMAX Disruptor, multi-producer ring of 4096, blocking wait strategy, one
 * handler invoking every listener;</li>
 * <li>{@code direct}: no hand-off ({@link DirectDispatcher}): the publishing thread calls every listener
 * itself, in order. Its latency is the publisher's own delay (late wake-ups from pacing, scheduling, stalls
 * of the machine) and the listener calls, and nothing else: the floor under every other subject, which is
 * listed last in every run. What another subject measures above it is its hand-off; a percentile at which
 * {@code direct} is as high as the others is the machine's, not the dispatch's. It never queues, so it never
 * drops, rejects or loses a delivery; past what one thread can call, its publisher falls behind and the
 * events it could not send count as unsent.</li>
 * </ul>
 */
final class LatencySubjects {

	/** Subjects of the constant and Poisson runs. */
	static final List<String> BASELINE_COMPARISON = List.of("lockfree", "spring-async", "disruptor-mp", "direct");

	/** Subjects of the stepped run: the comparison, with each other overflow policy of ours after our default. */
	static final List<String> PAST_SATURATION = List.of("lockfree", "lockfree-caller-runs", "lockfree-drop",
			"lockfree-fail", "spring-async", "disruptor-mp", "direct");

	/** Worker threads of the Spring baseline: our default lane count. */
	static final int SPRING_THREADS = LockFreeEventOptions.DEFAULT_LANES;

	private LatencySubjects() {
	}

	/**
	 * Whether the subject queues without bound (Spring's executor): only such a subject can fall behind
	 * without holding its publisher up, so only its runs stop early on a backlog. The others block, run on the
	 * caller, drop or reject, and a dropped or rejected delivery is not a backlog.
	 */
	static boolean queuesWithoutBound(String name) {
		return name.equals("spring-async");
	}

	static AsyncSubject create(String name, ApplicationListener<MeasuredEvent>[] listeners) {
		return switch (name) {
			case "lockfree" -> lockFree(listeners, OverflowPolicy.BLOCK);
			case "lockfree-caller-runs" -> lockFree(listeners, OverflowPolicy.CALLER_RUNS);
			case "lockfree-drop" -> lockFree(listeners, OverflowPolicy.DROP);
			case "lockfree-fail" -> lockFree(listeners, OverflowPolicy.FAIL);
			case "spring-async" -> new SpringExecutorDispatcher(listeners, SPRING_THREADS);
			case "disruptor-mp" -> new DisruptorDispatcher(listeners, LockFreeEventOptions.DEFAULT_CAPACITY,
					new BlockingWaitStrategy());
			case "direct" -> new DirectDispatcher(listeners);
			default -> throw new IllegalArgumentException("Unknown latency subject: " + name);
		};
	}

	private static AsyncSubject lockFree(ApplicationListener<MeasuredEvent>[] listeners, OverflowPolicy policy) {
		return new LockFreeAsyncSubject(listeners,
				LockFreeEventOptions.builder().mode(DispatchMode.ASYNC).overflowPolicy(policy).build());
	}

}
