package dev.lockfree.events.stats;

import java.util.List;

/**
 * One event type as routed by the multicaster: the event class, or for a {@code PayloadApplicationEvent}
 * the payload's type.
 *
 * @param eventType the type's name (with generics when it has them)
 * @param published events of this type multicast
 * @param listenerIds the listeners that receive it, in invocation order
 */
public record EventTypeStatistics(String eventType, long published, List<String> listenerIds) {
}
