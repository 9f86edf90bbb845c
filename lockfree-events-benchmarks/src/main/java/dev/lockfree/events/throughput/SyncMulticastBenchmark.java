package dev.lockfree.events.throughput;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.core.ResolvableType;

import dev.lockfree.events.LockFreeApplicationEventMulticaster;
import dev.lockfree.events.support.CountingListener;
import dev.lockfree.events.metrics.LockFreeEventsMetrics;
import dev.lockfree.events.support.MeasuredEvent;
import dev.lockfree.events.support.PaddedCounter;

/**
 * Issue 2: the cost of one synchronous {@code multicastEvent} to 10 matching listeners, with 30 listeners
 * of other event types registered in between (40 in all, interleaved: one matching, three others, ...).
 *
 * <p>Subjects ({@code subject}):
 * <ul>
 * <li>{@code lockfree}: {@link LockFreeApplicationEventMulticaster} with default options (synchronous);
 * <li>{@code lockfree-metrics}: the same with its Micrometer meters bound ({@code LockFreeEventsMetrics} on a
 * {@code SimpleMeterRegistry}), as in a Boot application with actuator: issue 4 wants it within 10% of
 * {@code lockfree};
 * <li>{@code spring}: Spring's {@link SimpleApplicationEventMulticaster} (the baseline of the ratios);
 * <li>{@code loop}: a plain loop over an array of the 10 matching listeners, the floor no multicaster can
 * beat.
 * </ul>
 * Each listener adds the event's amount to its own {@link PaddedCounter}. The event is allocated once, so
 * {@code gc.alloc.rate.norm} ({@code -prof gc}) is what the multicaster allocates per publish. Goal: ours at
 * least 3 times Spring's throughput, with 0 B/op.
 *
 * <p>The trial's tear-down checks that each matching listener received every event and the others none, so
 * a subject that skips listeners cannot report a score.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class SyncMulticastBenchmark {

	/** Listeners of the published event type. */
	static final int MATCHING_LISTENERS = 10;

	/** Listeners of other event types, per matching listener (30 in all). */
	static final int OTHERS_PER_MATCHING = 3;

	@Param({ "lockfree", "lockfree-metrics", "spring", "loop" })
	public String subject;

	private final MeasuredEvent event = new MeasuredEvent(this, 0, 1L);

	private final ResolvableType eventType = ResolvableType.forClass(MeasuredEvent.class);

	private final CountingListener[] matching = new CountingListener[MATCHING_LISTENERS];

	private final List<OtherListener> others = new ArrayList<>();

	private Subject target;

	private long published;

	@Setup(Level.Trial)
	public void setUp() {
		List<ApplicationListener<?>> registrationOrder = new ArrayList<>();
		for (int i = 0; i < MATCHING_LISTENERS; i++) {
			this.matching[i] = new CountingListener();
			registrationOrder.add(this.matching[i]);
			OtherListener[] group = { new FirstOtherListener(), new SecondOtherListener(), new ThirdOtherListener() };
			for (OtherListener other : group) {
				this.others.add(other);
				registrationOrder.add((ApplicationListener<?>) other);
			}
		}
		this.target = switch (this.subject) {
			case "lockfree" -> new MulticasterSubject(new LockFreeApplicationEventMulticaster(), registrationOrder);
			case "lockfree-metrics" -> new MulticasterSubject(withMeters(new LockFreeApplicationEventMulticaster()),
					registrationOrder);
			case "spring" -> new MulticasterSubject(new SimpleApplicationEventMulticaster(), registrationOrder);
			case "loop" -> new LoopSubject(this.matching);
			default -> throw new IllegalArgumentException("Unknown subject: " + this.subject);
		};
	}

	/**
	 * The multicaster with its meters bound to a registry, as in a Boot application with actuator: the meters
	 * read its statistics view when the registry is read, so dispatch should cost the same as without.
	 */
	private static LockFreeApplicationEventMulticaster withMeters(LockFreeApplicationEventMulticaster multicaster) {
		new LockFreeEventsMetrics(multicaster.getStatistics()).bindTo(new SimpleMeterRegistry());
		return multicaster;
	}

	@Benchmark
	public void multicast() {
		this.target.multicast(this.event);
		this.published++;
	}

	@Benchmark
	public void multicastWithType() {
		this.target.multicast(this.event, this.eventType);
		this.published++;
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		this.target.close();
		for (CountingListener listener : this.matching) {
			if (listener.total() != this.published) {
				throw new IllegalStateException(this.subject + ": a matching listener received " + listener.total()
						+ " of " + this.published + " events");
			}
		}
		for (OtherListener other : this.others) {
			if (other.total() != 0) {
				throw new IllegalStateException(this.subject + ": a listener of another event type received "
						+ other.total() + " events");
			}
		}
	}

	/** What the benchmark publishes through. */
	private interface Subject {

		void multicast(ApplicationEvent event);

		void multicast(ApplicationEvent event, ResolvableType eventType);

		default void close() throws Exception {
		}

	}

	/** A multicaster holding all 40 listeners. */
	private static final class MulticasterSubject implements Subject {

		private final ApplicationEventMulticaster multicaster;

		MulticasterSubject(ApplicationEventMulticaster multicaster, List<ApplicationListener<?>> listeners) {
			this.multicaster = multicaster;
			listeners.forEach(multicaster::addApplicationListener);
		}

		@Override
		public void multicast(ApplicationEvent event) {
			this.multicaster.multicastEvent(event);
		}

		@Override
		public void multicast(ApplicationEvent event, ResolvableType eventType) {
			this.multicaster.multicastEvent(event, eventType);
		}

		@Override
		public void close() throws Exception {
			if (this.multicaster instanceof DisposableBean) {
				((DisposableBean) this.multicaster).destroy();
			}
		}

	}

	/** The floor: the matching listeners, called in a loop; the event type is known, so it is ignored. */
	private static final class LoopSubject implements Subject {

		private final CountingListener[] listeners;

		LoopSubject(CountingListener[] listeners) {
			this.listeners = listeners;
		}

		@Override
		public void multicast(ApplicationEvent event) {
			MeasuredEvent measured = (MeasuredEvent) event;
			for (CountingListener listener : this.listeners) {
				listener.onApplicationEvent(measured);
			}
		}

		@Override
		public void multicast(ApplicationEvent event, ResolvableType eventType) {
			multicast(event);
		}

	}

	/** First of three event types nobody publishes. */
	static final class FirstOtherEvent extends ApplicationEvent {

		FirstOtherEvent(Object source) {
			super(source);
		}

	}

	/** Second of three event types nobody publishes. */
	static final class SecondOtherEvent extends ApplicationEvent {

		SecondOtherEvent(Object source) {
			super(source);
		}

	}

	/** Third of three event types nobody publishes. */
	static final class ThirdOtherEvent extends ApplicationEvent {

		ThirdOtherEvent(Object source) {
			super(source);
		}

	}

	/** A listener of another event type: does the same work as a matching one, and must never be called. */
	abstract static class OtherListener {

		private final PaddedCounter counter = new PaddedCounter();

		void handle() {
			this.counter.add(1L);
		}

		long total() {
			return this.counter.getPlain();
		}

	}

	static final class FirstOtherListener extends OtherListener implements ApplicationListener<FirstOtherEvent> {

		@Override
		public void onApplicationEvent(FirstOtherEvent event) {
			handle();
		}

	}

	static final class SecondOtherListener extends OtherListener implements ApplicationListener<SecondOtherEvent> {

		@Override
		public void onApplicationEvent(SecondOtherEvent event) {
			handle();
		}

	}

	static final class ThirdOtherListener extends OtherListener implements ApplicationListener<ThirdOtherEvent> {

		@Override
		public void onApplicationEvent(ThirdOtherEvent event) {
			handle();
		}

	}

}
