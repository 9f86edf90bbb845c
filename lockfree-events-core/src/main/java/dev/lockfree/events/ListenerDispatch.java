package dev.lockfree.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Chooses, for one listener, whether it runs on the publishing thread or on a lane, overriding
 * {@code lockfree.events.mode} and the event-type rules.
 *
 * <p>Put it on an {@code @EventListener} method, or on an {@code ApplicationListener} class (or on the
 * class holding {@code @EventListener} methods, for all of them; the method's annotation wins).
 * It cannot send off-thread a listener that must stay on the publishing thread: transactional listeners
 * ({@code supportsAsyncExecution() == false}) and framework events ({@code org.springframework.*} classes)
 * stay synchronous.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ListenerDispatch {

	/** {@link DispatchMode#ASYNC} to run on a lane, {@link DispatchMode#SYNC} to run on the publisher. */
	DispatchMode value();

}
