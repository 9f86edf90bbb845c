package dev.lockfree.events.autoconfigure.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.lockfree.events.LockFreeApplicationEventMulticaster;
import dev.lockfree.events.autoconfigure.LockFreeEventsAutoConfiguration;
import dev.lockfree.events.metrics.LockFreeEventsMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LockFreeEventsMetricsAutoConfiguration}.
 */
class LockFreeEventsMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LockFreeEventsAutoConfiguration.class,
				LockFreeEventsMetricsAutoConfiguration.class));

	@Test
	void bindsMetricsWhenAMeterRegistryIsPresent() {
		this.contextRunner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			assertThat(context).hasSingleBean(LockFreeEventsMetrics.class);
			SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
			context.getBean(LockFreeEventsMetrics.class).bindTo(registry);
			context.publishEvent("counted");
			assertThat(registry.get("lockfree.events.published").tag("dispatch", "sync").functionCounter().count())
				.isGreaterThanOrEqualTo(1);
		});
	}

	@Test
	void publishesMeterWhenMetricsAutoConfigurationBindsTheRegistry() {
		this.contextRunner.withConfiguration(
				AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				context.publishEvent("counted");
				FunctionCounter published = registry.find("lockfree.events.published")
					.tag("dispatch", "sync")
					.functionCounter();
				assertThat(published).isNotNull();
				assertThat(published.count()).isGreaterThanOrEqualTo(1);
				assertThat(registry.find("lockfree.events.lane.remaining").gauges()).hasSize(2);
			});
	}

	@Test
	void meterFilterPropertyRemovesTheMeters() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withPropertyValues("management.metrics.enable.lockfree=false")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(context).hasSingleBean(LockFreeEventsMetrics.class);
				assertThat(registry.find("lockfree.events.published").meters()).isEmpty();
				assertThat(registry.getMeters()).noneMatch((meter) -> meter.getId().getName().startsWith("lockfree."));
			});
	}

	@Test
	void backsOffWithoutAMeterRegistry() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(LockFreeEventsMetrics.class));
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean("lockFreeEventsMetrics"));
	}

	@Test
	void backsOffWhenTheLockFreeMulticasterIsDisabled() {
		this.contextRunner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("lockfree.events.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LockFreeEventsMetrics.class));
	}

	@Test
	void backsOffWhenTheUserDefinesTheBinder() {
		this.contextRunner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.withUserConfiguration(CustomMetricsConfiguration.class)
			.run((context) -> assertThat(context).getBeanNames(LockFreeEventsMetrics.class)
				.containsExactly("customMetrics"));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomMetricsConfiguration {

		@Bean
		LockFreeEventsMetrics customMetrics(LockFreeApplicationEventMulticaster applicationEventMulticaster) {
			return new LockFreeEventsMetrics(applicationEventMulticaster.getStatistics(), Tags.of("app", "custom"));
		}

	}

}
