package dev.lockfree.events.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.lockfree.events.LockFreeApplicationEventMulticaster;
import dev.lockfree.events.autoconfigure.LockFreeEventsAutoConfiguration;
import dev.lockfree.events.metrics.LockFreeEventsMetrics;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for metrics of the
 * {@link LockFreeApplicationEventMulticaster}: binds {@link LockFreeEventsMetrics} to the application's
 * {@link MeterRegistry}. Spring Boot's {@code management.metrics.enable.lockfree=false} removes the meters.
 */
@AutoConfiguration(after = LockFreeEventsAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, LockFreeApplicationEventMulticaster.class })
public final class LockFreeEventsMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LockFreeEventsMetrics lockFreeEventsMetrics(LockFreeApplicationEventMulticaster applicationEventMulticaster) {
		return new LockFreeEventsMetrics(applicationEventMulticaster.getStatistics());
	}

}
