package com.example.orders;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.lockfree.events.LockFreeApplicationEventMulticaster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts {@link OrdersApplication} with and without lockfree-events and compares the warnings it logs.
 */
@ExtendWith(OutputCaptureExtension.class)
class OrdersApplicationStartupLogTests {

	private static final Pattern WARNING = Pattern.compile("\\bWARN\\b.*?\\s(\\S+)\\s+:\\s(.*)");

	private static final String PROBE = "startup log probe";

	private static final String WITHOUT_LOCKFREE_EVENTS = "spring.autoconfigure.exclude="
			+ "dev.lockfree.events.autoconfigure.LockFreeEventsAutoConfiguration,"
			+ "dev.lockfree.events.autoconfigure.endpoint.EventsEndpointAutoConfiguration,"
			+ "dev.lockfree.events.autoconfigure.metrics.LockFreeEventsMetricsAutoConfiguration";

	@Test
	void startupLogsNoWarningThatItDoesNotLogWithoutLockFreeEvents(CapturedOutput output) {
		Set<String> without = warningsOfStartup(output, false, WITHOUT_LOCKFREE_EVENTS);
		Set<String> with = warningsOfStartup(output, true, "lockfree.events.enabled=true");
		assertThat(with).isSubsetOf(without);
	}

	private Set<String> warningsOfStartup(CapturedOutput output, boolean lockFree, String property) {
		int start = output.getAll().length();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(OrdersApplication.class)
			.properties("server.port=0", "management.endpoints.web.exposure.include=*", property)
			.run()) {
			assertThat(context.getBean("applicationEventMulticaster") instanceof LockFreeApplicationEventMulticaster)
				.isEqualTo(lockFree);
			context.publishEvent(new OrdersApplication.OrderPlaced("o-1"));
			LogFactory.getLog(OrdersApplicationStartupLogTests.class).warn(PROBE);
		}
		Set<String> warnings = new TreeSet<>();
		for (String line : output.getAll().substring(start).split("\\R")) {
			Matcher matcher = WARNING.matcher(line);
			if (matcher.find()) {
				warnings.add(matcher.group(1) + ": " + matcher.group(2));
			}
		}
		assertThat(warnings).as("the probe warning, proving warnings are read").anyMatch((w) -> w.endsWith(PROBE));
		warnings.removeIf((warning) -> warning.endsWith(PROBE));
		return warnings;
	}

}
