package dev.lockfree.events.throughput;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.ThreadParams;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.SimpleApplicationEventMulticaster;

import dev.lockfree.events.LockFreeApplicationEventMulticaster;
import dev.lockfree.events.support.PublisherCountingListener;

/**
 * Registration churn: how much a thread that keeps adding and removing a listener slows down the threads
 * publishing through the same multicaster.
 *
 * <p>Two groups, each a separate JMH benchmark on a fresh multicaster:
 * <ul>
 * <li>{@code contended}: {@value #PUBLISHERS} threads run {@link #publish} (a synchronous
 * {@code multicastEvent} to {@value #LISTENERS} listeners) while one thread runs {@link #churn} (add a
 * listener of the same event type, then remove it). Every change of the listener set changes the listeners
 * of the published type, so no cached list of listeners stays valid: Spring's publishers resolve again after
 * every change; ours find the route the registering thread carried over to the new snapshot. The worst case
 * for a cache.</li>
 * <li>{@code uncontended}: the same {@value #PUBLISHERS} publishers ({@link #publishAlone}), no registrar: in its
 * place a thread that only burns CPU ({@link #control}), so that both groups share the cores among as many
 * threads (on two cores, three busy threads leave the publishers two thirds of what two would have).</li>
 * </ul>
 * JMH's score of a group sums all its methods: read the publishers' rate from the {@code publish} and
 * {@code publishAlone} secondary results. The registrar's completed add/remove pairs are counted with
 * {@link AuxCounters} ({@code registrations}). Goal: ours publishes, under churn, at least 0.8 times its own
 * uncontended rate.
 *
 * <p>Subjects ({@code subject}): {@code lockfree} ({@link LockFreeApplicationEventMulticaster}, default
 * options) and {@code spring} ({@link SimpleApplicationEventMulticaster}). The trial's tear-down checks that
 * every permanent listener received every event of every publisher, and, in the contended group, that the
 * churning listener received some: a multicaster whose publishers never see the registrations (a cache that
 * is never invalidated) would otherwise score as if churn cost nothing.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Group)
public class RegistrationChurnBenchmark {

	/** Permanent listeners of the published event type. */
	static final int LISTENERS = 10;

	/** Publisher threads of each group. */
	static final int PUBLISHERS = 2;

	/** Work of one {@link #control} call, in {@link Blackhole#consumeCPU} tokens. */
	static final long CONTROL_TOKENS = 100;

	@Param({ "lockfree", "spring" })
	public String subject;

	final PublisherCountingListener[] listeners = new PublisherCountingListener[LISTENERS];

	/** What the registrar adds and removes: a listener of the published type, so it changes the routes. */
	final PublisherCountingListener churning = new PublisherCountingListener(CheckedPublisher.MAX_PUBLISHERS);

	ApplicationEventMulticaster multicaster;

	/** Add-and-remove pairs of this trial: written by the one registrar thread, read at tear-down. */
	long churns;

	@Setup(Level.Trial)
	public void setUp() {
		this.multicaster = MulticasterSubjects.create(this.subject);
		for (int i = 0; i < LISTENERS; i++) {
			this.listeners[i] = new PublisherCountingListener(CheckedPublisher.MAX_PUBLISHERS);
			this.multicaster.addApplicationListener(this.listeners[i]);
		}
	}

	@Benchmark
	@Group("contended")
	@GroupThreads(PUBLISHERS)
	public void publish(Publisher publisher) {
		this.multicaster.multicastEvent(publisher.event);
		publisher.published++;
	}

	@Benchmark
	@Group("contended")
	@GroupThreads(1)
	public void churn(Registrations registrations) {
		this.multicaster.addApplicationListener(this.churning);
		this.multicaster.removeApplicationListener(this.churning);
		registrations.registrations++;
		this.churns++;
	}

	@Benchmark
	@Group("uncontended")
	@GroupThreads(PUBLISHERS)
	public void publishAlone(Publisher publisher) {
		this.multicaster.multicastEvent(publisher.event);
		publisher.published++;
	}

	/**
	 * The registrar's stand-in in the uncontended group: burns CPU without touching the multicaster, so both
	 * groups run as many threads on the same cores and the ratio of publish rates shows what registrations
	 * cost the publishers, not what sharing two cores among three threads costs them.
	 */
	@Benchmark
	@Group("uncontended")
	@GroupThreads(1)
	public void control() {
		Blackhole.consumeCPU(CONTROL_TOKENS);
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		MulticasterSubjects.close(this.multicaster);
		if (this.churns > 0 && churningDeliveries() == 0) {
			throw new IllegalStateException("The churning listener was added and removed " + this.churns
					+ " times and never received an event: the " + this.subject
					+ " publishers did not see the registrations");
		}
	}

	private long churningDeliveries() {
		long total = 0;
		for (int publisher = 0; publisher < CheckedPublisher.MAX_PUBLISHERS; publisher++) {
			total += this.churning.total(publisher);
		}
		return total;
	}

	/** One publishing thread of a group (see {@link CheckedPublisher}). */
	@State(Scope.Thread)
	public static class Publisher extends CheckedPublisher {

		@Setup(Level.Trial)
		public void setUp(ThreadParams threads, RegistrationChurnBenchmark benchmark) {
			bind(threads.getSubgroupThreadIndex(), benchmark);
		}

		/** Become publisher {@code index} of the benchmark's group. */
		void bind(int index, RegistrationChurnBenchmark benchmark) {
			bind(index, benchmark.subject, benchmark.listeners);
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			checkDelivered();
		}

	}

	/** The registrar's counters: completed add-and-remove pairs, reported per second by JMH. */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.OPERATIONS)
	public static class Registrations {

		public long registrations;

		@Setup(Level.Iteration)
		public void reset() {
			this.registrations = 0;
		}

	}

}
