package dev.lockfree.events.dispatch;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.util.ErrorHandler;

/**
 * Calls one listener with Spring's error rules (spring-semantics items 12 and 13).
 * <ul>
 * <li>A {@link ClassCastException} whose message is {@code null} or names the event class (or the payload
 * class of a {@link PayloadApplicationEvent}), also after a {@code module/} prefix, is swallowed: it comes
 * from a lambda listener whose event type could not be resolved.</li>
 * <li>Anything else propagates; {@link #invoke(ApplicationListener, ApplicationEvent, ErrorHandler)} hands it
 * to the error handler when there is one.</li>
 * </ul>
 */
public final class ListenerInvoker {

	private static final Log logger = LogFactory.getLog(ListenerInvoker.class);

	private ListenerInvoker() {
	}

	/**
	 * Invoke the listener; with an error handler, report a failure to it and return normally.
	 * @return the throwable the listener threw (and the handler was given), or {@code null}
	 */
	public static Throwable invoke(ApplicationListener<?> listener, ApplicationEvent event, ErrorHandler errorHandler) {
		if (errorHandler == null) {
			invokeUnguarded(listener, event);
			return null;
		}
		try {
			invokeUnguarded(listener, event);
			return null;
		}
		catch (Throwable ex) {
			errorHandler.handleError(ex);
			return ex;
		}
	}

	/** Invoke the listener, letting every exception but a lambda's class-cast mismatch through. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static void invokeUnguarded(ApplicationListener listener, ApplicationEvent event) {
		try {
			listener.onApplicationEvent(event);
		}
		catch (ClassCastException ex) {
			if (!isEventTypeMismatch(ex, event)) {
				throw ex;
			}
			if (logger.isTraceEnabled()) {
				logger.trace("Non-matching event type for listener: " + listener, ex);
			}
		}
	}

	static boolean isEventTypeMismatch(ClassCastException ex, ApplicationEvent event) {
		String message = ex.getMessage();
		if (message == null || namesClass(message, event.getClass())) {
			return true;
		}
		return event instanceof PayloadApplicationEvent<?> payloadEvent
				&& namesClass(message, payloadEvent.getPayload().getClass());
	}

	private static boolean namesClass(String message, Class<?> type) {
		if (message.startsWith(type.getName()) || message.startsWith(type.toString())) {
			return true;
		}
		int moduleSeparator = message.indexOf('/');
		return moduleSeparator != -1 && message.startsWith(type.getName(), moduleSeparator + 1);
	}

}
