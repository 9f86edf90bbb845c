package dev.lockfree.events.parity;

import org.junit.jupiter.api.Test;

import dev.lockfree.events.parity.ParityEvents.TestEvent;
import dev.lockfree.events.parity.ParityListeners.OnTestEvent;

import static dev.lockfree.events.parity.ParityHarness.assertParity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Checks that the {@link ParityHarness} itself can fail: a harness that always passes proves nothing.
 */
class ParityHarnessTests {

	@Test
	void tracesThatDifferFailWithBothTracesInTheMessage() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertParity((run) -> run.trace().note("subject " + run.subject())))
			.withMessageContaining("Parity gap: traces differ at entry 0")
			.withMessageContaining("SPRING:   subject SPRING")
			.withMessageContaining("LOCKFREE: subject LOCKFREE");
	}

	@Test
	void emptyTraceFails() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertParity((run) -> run.context()))
			.withMessageContaining("recorded nothing");
	}

	@Test
	void scenarioThatFailsWithBothSubjectsFails() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertParity((run) -> {
			run.trace().note("before");
			throw new IllegalStateException("scenario bug");
		})).withMessageContaining("failed with both multicasters").havingCause().withMessage("scenario bug");
	}

	@Test
	void contextsOfARunUseTheSubjectsMulticasterAndAreClosedAfterwards() {
		assertThat(assertParity((run) -> {
			var context = run.context();
			context.addApplicationListener(new OnTestEvent("listener", run.trace()));
			context.publishEvent(new TestEvent("a"));
			run.trace().note("multicaster is the subject's: "
					+ (ParityRun.multicaster(context).getClass() == run.subject().multicasterClass()));
			run.trace().note("display name: " + context.getDisplayName());
			run.trace().note("trace bean is the run's trace: " + (context.getBean(Trace.class) == run.trace()));
		})).containsExactly("listener <- TestEvent(a) #1 @publisher", "multicaster is the subject's: true",
				"display name: context-1", "trace bean is the run's trace: true");
	}

}
