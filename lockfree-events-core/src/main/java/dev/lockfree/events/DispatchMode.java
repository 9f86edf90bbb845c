package dev.lockfree.events;

/**
 * Where listeners run by default: on the publishing thread, or on the ring-buffer lanes.
 *
 * <p>Whatever the mode, listeners whose {@code supportsAsyncExecution()} is {@code false} (transactional
 * listeners) and framework events (classes in {@code org.springframework.}) run on the publishing thread.
 */
public enum DispatchMode {

	/** Every listener runs on the publishing thread: exactly Spring's synchronous semantics. */
	SYNC,

	/** Listeners that may run off the publishing thread are handed to the lanes' worker threads. */
	ASYNC

}
