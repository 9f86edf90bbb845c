package dev.lockfree.events.throughput;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.SimpleApplicationEventMulticaster;

import dev.lockfree.events.LockFreeApplicationEventMulticaster;
import dev.lockfree.events.support.PublisherCountingListener;

/** The synchronous multicasters of the registration benchmarks, by subject name, and their delivery check. */
final class MulticasterSubjects {

	private MulticasterSubjects() {
	}

	/** {@code lockfree}: ours with default options (synchronous); {@code spring}: Spring's. */
	static ApplicationEventMulticaster create(String subject) {
		return switch (subject) {
			case "lockfree" -> new LockFreeApplicationEventMulticaster();
			case "spring" -> new SimpleApplicationEventMulticaster();
			default -> throw new IllegalArgumentException("Unknown subject: " + subject);
		};
	}

	static void close(ApplicationEventMulticaster multicaster) throws Exception {
		if (multicaster instanceof DisposableBean disposable) {
			disposable.destroy();
		}
	}

	/**
	 * Check that every permanent listener received exactly the events one publisher published (amount 1 each).
	 * Call it on the publisher's thread, once it has stopped publishing.
	 * @throws IllegalStateException if a listener's count differs
	 */
	static void checkDelivered(String subject, PublisherCountingListener[] listeners, int publisher,
			long published) {
		for (PublisherCountingListener listener : listeners) {
			if (listener.total(publisher) != published) {
				throw new IllegalStateException(subject + ": a permanent listener received " + listener.total(publisher)
						+ " of the " + published + " events of publisher " + publisher);
			}
		}
	}

}
