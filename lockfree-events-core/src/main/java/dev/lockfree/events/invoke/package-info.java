/**
 * Fast invocation of {@code @EventListener} methods: an
 * {@link org.springframework.context.event.EventListenerFactory} whose listeners call the method
 * through a spun lambda or a method handle on a singleton target looked up once, and fall back to
 * Spring's {@link org.springframework.context.event.ApplicationListenerMethodAdapter} behaviour
 * whenever they cannot prove the fast path equivalent.
 */
@NullMarked
package dev.lockfree.events.invoke;

import org.jspecify.annotations.NullMarked;
