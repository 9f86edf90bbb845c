package dev.lockfree.events.throughput;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The registration benchmarks outside JMH, on real threads: while registrars add and remove listeners, every
 * publisher's events reach every permanent listener exactly once (each publisher's tear-down check passes),
 * and both kinds of thread make progress.
 */
class RegistrationBenchmarksTests {

	private static final long RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

	@ParameterizedTest
	@ValueSource(strings = { "lockfree", "spring" })
	@Timeout(30)
	void churnKeepsEveryPublisherDeliveringExactly(String subject) throws Exception {
		RegistrationChurnBenchmark benchmark = new RegistrationChurnBenchmark();
		benchmark.subject = subject;
		benchmark.setUp();
		List<RegistrationChurnBenchmark.Publisher> publishers = new ArrayList<>();
		List<Runnable> work = new ArrayList<>();
		for (int i = 0; i < RegistrationChurnBenchmark.PUBLISHERS; i++) {
			RegistrationChurnBenchmark.Publisher publisher = new RegistrationChurnBenchmark.Publisher();
			publisher.bind(i, benchmark);
			publishers.add(publisher);
			work.add(() -> benchmark.publish(publisher));
		}
		RegistrationChurnBenchmark.Registrations registrations = new RegistrationChurnBenchmark.Registrations();
		work.add(() -> benchmark.churn(registrations));
		runConcurrently(work);
		benchmark.tearDown();
		for (RegistrationChurnBenchmark.Publisher publisher : publishers) {
			assertThat(publisher.published).isPositive();
			publisher.tearDown();
		}
		assertThat(registrations.registrations).isPositive();
	}

	/** The tear-down's guard against a multicaster whose publishers never see the churning listener. */
	@ParameterizedTest
	@ValueSource(strings = { "lockfree", "spring" })
	void churnThatNoPublishSawFailsTheTrial(String subject) {
		RegistrationChurnBenchmark benchmark = new RegistrationChurnBenchmark();
		benchmark.subject = subject;
		benchmark.setUp();
		benchmark.churn(new RegistrationChurnBenchmark.Registrations());
		assertThatIllegalStateException().isThrownBy(benchmark::tearDown).withMessageContaining("never received");
	}

	@ParameterizedTest
	@ValueSource(strings = { "lockfree", "spring" })
	@Timeout(30)
	void uncontendedPublishersDeliverExactlyBesideTheControlThread(String subject) throws Exception {
		RegistrationChurnBenchmark benchmark = new RegistrationChurnBenchmark();
		benchmark.subject = subject;
		benchmark.setUp();
		List<RegistrationChurnBenchmark.Publisher> publishers = new ArrayList<>();
		List<Runnable> work = new ArrayList<>();
		for (int i = 0; i < RegistrationChurnBenchmark.PUBLISHERS; i++) {
			RegistrationChurnBenchmark.Publisher publisher = new RegistrationChurnBenchmark.Publisher();
			publisher.bind(i, benchmark);
			publishers.add(publisher);
			work.add(() -> benchmark.publishAlone(publisher));
		}
		work.add(benchmark::control);
		runConcurrently(work);
		benchmark.tearDown();
		for (RegistrationChurnBenchmark.Publisher publisher : publishers) {
			assertThat(publisher.published).isPositive();
			publisher.tearDown();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "lockfree", "spring" })
	@Timeout(30)
	void mixedRegistrarsAndPublishersBothProgressAndDeliverExactly(String subject) throws Exception {
		MixedRegistrationBenchmark benchmark = new MixedRegistrationBenchmark();
		benchmark.subject = subject;
		benchmark.setUp();
		List<MixedRegistrationBenchmark.Publisher> publishers = new ArrayList<>();
		List<MixedRegistrationBenchmark.Registrar> registrars = new ArrayList<>();
		List<Runnable> work = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			MixedRegistrationBenchmark.Publisher publisher = new MixedRegistrationBenchmark.Publisher();
			publisher.bind(i, benchmark);
			publishers.add(publisher);
			work.add(() -> benchmark.r2p2Publish(publisher));
			MixedRegistrationBenchmark.Registrar registrar = new MixedRegistrationBenchmark.Registrar();
			registrars.add(registrar);
			work.add(() -> benchmark.r2p2Register(registrar));
		}
		runConcurrently(work);
		benchmark.tearDown();
		for (MixedRegistrationBenchmark.Publisher publisher : publishers) {
			assertThat(publisher.published).isPositive();
			publisher.tearDown();
		}
		for (MixedRegistrationBenchmark.Registrar registrar : registrars) {
			assertThat(registrar.registrations).isPositive();
		}
	}

	/** Run each task in a loop on its own thread for {@link #RUN_NANOS}; rethrow the first failure. */
	private static void runConcurrently(List<Runnable> tasks) throws InterruptedException {
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		List<Thread> threads = new ArrayList<>();
		for (Runnable task : tasks) {
			Thread thread = new Thread(() -> {
				try {
					while (running.get()) {
						task.run();
					}
				}
				catch (Throwable ex) {
					failure.compareAndSet(null, ex);
				}
			});
			threads.add(thread);
			thread.start();
		}
		Thread.sleep(TimeUnit.NANOSECONDS.toMillis(RUN_NANOS));
		running.set(false);
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(failure.get()).isNull();
	}

}
