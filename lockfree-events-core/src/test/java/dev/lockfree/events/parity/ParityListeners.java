package dev.lockfree.events.parity;

import org.springframework.context.ApplicationEvent;

import dev.lockfree.events.parity.ParityEvents.GenericEvent;
import dev.lockfree.events.parity.ParityEvents.OtherEvent;
import dev.lockfree.events.parity.ParityEvents.TestEvent;

/**
 * Recording listeners shared by the parity scenarios, one class per declared event type.
 */
final class ParityListeners {

	private ParityListeners() {
	}

	/** Declares {@link TestEvent}. */
	static class OnTestEvent extends RecordingListener<TestEvent> {

		OnTestEvent(String name, Trace trace) {
			super(name, trace);
		}

	}

	/** Declares {@link OtherEvent}. */
	static class OnOtherEvent extends RecordingListener<OtherEvent> {

		OnOtherEvent(String name, Trace trace) {
			super(name, trace);
		}

	}

	/** Declares {@link ApplicationEvent}: receives everything. */
	static class OnAnyEvent extends RecordingListener<ApplicationEvent> {

		OnAnyEvent(String name, Trace trace) {
			super(name, trace);
		}

	}

	/** Declares {@code GenericEvent<String>}. */
	static class OnStringEvent extends RecordingListener<GenericEvent<String>> {

		OnStringEvent(String name, Trace trace) {
			super(name, trace);
		}

	}

	/** Declares {@code GenericEvent<Integer>}. */
	static class OnIntegerEvent extends RecordingListener<GenericEvent<Integer>> {

		OnIntegerEvent(String name, Trace trace) {
			super(name, trace);
		}

	}

}
