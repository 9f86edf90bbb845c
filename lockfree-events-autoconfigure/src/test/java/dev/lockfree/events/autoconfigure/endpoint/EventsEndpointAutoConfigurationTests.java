package dev.lockfree.events.autoconfigure.endpoint;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.support.ConfigurableConversionService;

import dev.lockfree.events.LockFreeApplicationEventMulticaster;
import dev.lockfree.events.actuate.endpoint.EventsEndpoint;
import dev.lockfree.events.autoconfigure.LockFreeEventsAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EventsEndpointAutoConfiguration}.
 */
class EventsEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withInitializer((context) -> context.getEnvironment()
			.setConversionService((ConfigurableConversionService) ApplicationConversionService.getSharedInstance()))
		.withConfiguration(
				AutoConfigurations.of(LockFreeEventsAutoConfiguration.class, EventsEndpointAutoConfiguration.class));

	@Test
	void endpointIsPresentWhenExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=events").run((context) -> {
			assertThat(context).hasSingleBean(EventsEndpoint.class);
			context.publishEvent("counted");
			assertThat(context.getBean(EventsEndpoint.class).events().totals().published()).isPositive();
		});
	}

	@Test
	void endpointIsAbsentWhenNotExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(EventsEndpoint.class));
	}

	@Test
	void endpointIsAbsentWhenAccessIsNone() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=events",
					"management.endpoint.events.access=none")
			.run((context) -> assertThat(context).doesNotHaveBean(EventsEndpoint.class));
	}

	@Test
	void endpointIsAbsentWhenTheLockFreeMulticasterIsDisabled() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=events", "lockfree.events.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EventsEndpoint.class));
	}

	@Test
	void endpointIsAbsentWithoutTheActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.withPropertyValues("management.endpoints.web.exposure.include=events")
			.run((context) -> assertThat(context).doesNotHaveBean("eventsEndpoint"));
	}

	@Test
	void endpointBacksOffWhenUserProvidedEndpointIsPresent() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=events")
			.withUserConfiguration(CustomEndpointConfiguration.class)
			.run((context) -> assertThat(context).getBeanNames(EventsEndpoint.class)
				.containsExactly("customEventsEndpoint"));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomEndpointConfiguration {

		@Bean
		EventsEndpoint customEventsEndpoint(LockFreeApplicationEventMulticaster applicationEventMulticaster) {
			return new EventsEndpoint(applicationEventMulticaster.getStatistics());
		}

	}

}
