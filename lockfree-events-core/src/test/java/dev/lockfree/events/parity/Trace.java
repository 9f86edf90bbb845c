package dev.lockfree.events.parity;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationContextEvent;
import org.springframework.util.ErrorHandler;

/**
 * Ordered record of everything a parity scenario observes: listener invocations, exceptions thrown by listeners,
 * exceptions seen by the publisher and by an {@link ErrorHandler}, and free-form notes.
 *
 * <p>Entries are plain strings so that two traces compare with {@code equals} and a difference reads well.
 * An invocation reads {@code "name <- event #n @thread"}, where {@code n} counts that listener's invocations and
 * {@code thread} is {@code publisher} for the thread that runs the scenario, or the thread's name otherwise.
 * Nothing that differs between two runs of the same code (identity hashes, context ids) appears in an entry:
 * identity hashes in exception messages read {@code @<hash>}.
 */
final class Trace {

	private static final Pattern IDENTITY_HASH = Pattern.compile("@[0-9a-f]{4,8}\\b");

	private final Thread publisherThread;

	private final List<String> entries = new ArrayList<>();

	private final Map<String, AtomicInteger> invocationCounts = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> sequences = new ConcurrentHashMap<>();

	private final Map<Throwable, String> thrownByListeners = new IdentityHashMap<>();

	Trace(Thread publisherThread) {
		this.publisherThread = publisherThread;
	}

	/**
	 * Record that the named listener received the given event (an {@code ApplicationEvent} or a payload).
	 */
	void received(String listener, Object event) {
		int index = this.invocationCounts.computeIfAbsent(listener, (key) -> new AtomicInteger()).incrementAndGet();
		add(listener + " <- " + describe(event) + " #" + index + " @" + threadName());
	}

	/**
	 * Record that the named listener is about to throw the given exception, and return it for {@code throw}.
	 */
	<T extends Throwable> T threw(String listener, T exception) {
		synchronized (this) {
			this.thrownByListeners.put(exception, listener);
		}
		add(listener + " throws " + describe(exception));
		return exception;
	}

	/**
	 * Record a free-form observation.
	 */
	void note(String text) {
		add(text);
	}

	/**
	 * Run a publishing action, recording any exception that reaches the publisher (and whether it is the very
	 * instance a listener threw).
	 */
	void publish(Runnable action) {
		try {
			action.run();
		}
		catch (RuntimeException | Error ex) {
			add("publisher caught " + describe(ex) + origin(ex));
		}
	}

	/**
	 * Return an {@link ErrorHandler} that records every error it is handed.
	 */
	ErrorHandler errorHandler() {
		return (ex) -> add("errorHandler caught " + describe(ex) + origin(ex));
	}

	/**
	 * Return the next number (from 1) of the named sequence, without recording anything: used to number the
	 * instances of a prototype bean.
	 */
	int next(String sequence) {
		return this.sequences.computeIfAbsent(sequence, (key) -> new AtomicInteger()).incrementAndGet();
	}

	synchronized List<String> entries() {
		return List.copyOf(this.entries);
	}

	private synchronized void add(String entry) {
		this.entries.add(entry);
	}

	private synchronized String origin(Throwable ex) {
		String listener = this.thrownByListeners.get(ex);
		return (listener != null) ? " (as thrown by " + listener + ")" : " (not thrown by a listener)";
	}

	private String threadName() {
		Thread current = Thread.currentThread();
		return (current == this.publisherThread) ? "publisher" : current.getName();
	}

	/**
	 * Describe an event, payload or exception without anything instance-specific.
	 */
	static String describe(Object object) {
		if (object == null) {
			return "null";
		}
		if (object instanceof PayloadApplicationEvent<?> payloadEvent) {
			return "Payload(" + describe(payloadEvent.getPayload()) + ")";
		}
		if (object instanceof ApplicationContextEvent contextEvent) {
			return object.getClass().getSimpleName() + "(" + contextEvent.getApplicationContext().getDisplayName()
					+ ")";
		}
		if (object instanceof Throwable ex) {
			String message = (ex.getMessage() != null) ? IDENTITY_HASH.matcher(ex.getMessage()).replaceAll("@<hash>")
					: null;
			return ex.getClass().getName() + ": " + message;
		}
		if (object.getClass().getName().startsWith("org.springframework.")) {
			return object.getClass().getSimpleName();
		}
		return object.toString();
	}

}
