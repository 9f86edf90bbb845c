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
import org.openjdk.jmh.infra.ThreadParams;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.SimpleApplicationEventMulticaster;

import dev.lockfree.events.LockFreeApplicationEventMulticaster;
import dev.lockfree.events.support.PublisherCountingListener;

/**
 * The seed article's mixed read/write and high-concurrency registration scenarios: N threads registering and
 * unregistering listeners while M threads publish, through one multicaster, with N:M in 1:3, 2:2 and 3:1
 * (groups {@code r1p3}, {@code r2p2}, {@code r3p1}; four threads on two cores, so the threads also compete for
 * the cores, as in a busy application).
 *
 * <p>A publisher ({@code *Publish}) does a synchronous {@code multicastEvent} to {@value #LISTENERS} permanent
 * listeners; a registrar ({@code *Register}) adds its own listener of the same event type and removes it
 * again. JMH's group score sums both kinds of operation: read the secondary results, one per method, for the
 * publish rate and the registration rate (the registrars' completed add/remove pairs are also counted with
 * {@link AuxCounters}, {@code registrations}).
 *
 * <p>Subjects ({@code subject}): {@code lockfree} ({@link LockFreeApplicationEventMulticaster}, default
 * options) and {@code spring} ({@link SimpleApplicationEventMulticaster}, whose registrations and cache
 * misses take one lock). Each publisher's trial tear-down checks that every permanent listener received
 * every one of its events.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Group)
public class MixedRegistrationBenchmark {

	/** Permanent listeners of the published event type. */
	static final int LISTENERS = 10;

	@Param({ "lockfree", "spring" })
	public String subject;

	final PublisherCountingListener[] listeners = new PublisherCountingListener[LISTENERS];

	ApplicationEventMulticaster multicaster;

	@Setup(Level.Trial)
	public void setUp() {
		this.multicaster = MulticasterSubjects.create(this.subject);
		for (int i = 0; i < LISTENERS; i++) {
			this.listeners[i] = new PublisherCountingListener(CheckedPublisher.MAX_PUBLISHERS);
			this.multicaster.addApplicationListener(this.listeners[i]);
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		MulticasterSubjects.close(this.multicaster);
	}

	@Benchmark
	@Group("r1p3")
	@GroupThreads(3)
	public void r1p3Publish(Publisher publisher) {
		publish(publisher);
	}

	@Benchmark
	@Group("r1p3")
	@GroupThreads(1)
	public void r1p3Register(Registrar registrar) {
		register(registrar);
	}

	@Benchmark
	@Group("r2p2")
	@GroupThreads(2)
	public void r2p2Publish(Publisher publisher) {
		publish(publisher);
	}

	@Benchmark
	@Group("r2p2")
	@GroupThreads(2)
	public void r2p2Register(Registrar registrar) {
		register(registrar);
	}

	@Benchmark
	@Group("r3p1")
	@GroupThreads(1)
	public void r3p1Publish(Publisher publisher) {
		publish(publisher);
	}

	@Benchmark
	@Group("r3p1")
	@GroupThreads(3)
	public void r3p1Register(Registrar registrar) {
		register(registrar);
	}

	void publish(Publisher publisher) {
		this.multicaster.multicastEvent(publisher.event);
		publisher.published++;
	}

	void register(Registrar registrar) {
		this.multicaster.addApplicationListener(registrar.listener);
		this.multicaster.removeApplicationListener(registrar.listener);
		registrar.registrations++;
	}

	/** One publishing thread of a group (see {@link CheckedPublisher}). */
	@State(Scope.Thread)
	public static class Publisher extends CheckedPublisher {

		@Setup(Level.Trial)
		public void setUp(ThreadParams threads, MixedRegistrationBenchmark benchmark) {
			bind(threads.getSubgroupThreadIndex(), benchmark);
		}

		/** Become publisher {@code index} of the benchmark's group. */
		void bind(int index, MixedRegistrationBenchmark benchmark) {
			bind(index, benchmark.subject, benchmark.listeners);
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			checkDelivered();
		}

	}

	/** One registering thread: the listener it adds and removes, and its completed pairs (an aux counter). */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.OPERATIONS)
	public static class Registrar {

		public long registrations;

		final PublisherCountingListener listener = new PublisherCountingListener(CheckedPublisher.MAX_PUBLISHERS);

		@Setup(Level.Iteration)
		public void reset() {
			this.registrations = 0;
		}

	}

}
