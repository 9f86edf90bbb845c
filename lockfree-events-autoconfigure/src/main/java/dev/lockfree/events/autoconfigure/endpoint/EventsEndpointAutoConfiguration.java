package dev.lockfree.events.autoconfigure.endpoint;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.lockfree.events.LockFreeApplicationEventMulticaster;
import dev.lockfree.events.actuate.endpoint.EventsEndpoint;
import dev.lockfree.events.autoconfigure.LockFreeEventsAutoConfiguration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link EventsEndpoint}, available when the
 * application has the actuator, the endpoint is enabled and exposed, and the context's multicaster is a
 * {@link LockFreeApplicationEventMulticaster}.
 */
@AutoConfiguration(after = LockFreeEventsAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(EventsEndpoint.class)
@ConditionalOnBean(LockFreeApplicationEventMulticaster.class)
public final class EventsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EventsEndpoint eventsEndpoint(LockFreeApplicationEventMulticaster applicationEventMulticaster) {
		return new EventsEndpoint(applicationEventMulticaster.getStatistics());
	}

}
