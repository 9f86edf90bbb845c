package dev.lockfree.events.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the failure analysis of bad {@code lockfree.events.*} values: each startup failure is analysed the
 * way Spring Boot does it, by the first analyzer registered in {@code META-INF/spring.factories} that
 * recognises it.
 */
class LockFreeEventsFailureAnalysisTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LockFreeEventsAutoConfiguration.class));

	@Test
	void capacityThatIsNotAPowerOfTwoIsExplained() {
		assertFailureAnalysis("lockfree.events.ring.capacity=1000", "lockfree.events.ring.capacity", "1000",
				"a power of two from 2 to 1073741824");
	}

	@Test
	void negativeCapacityIsExplained() {
		assertFailureAnalysis("lockfree.events.ring.capacity=-4", "lockfree.events.ring.capacity", "-4",
				"a power of two");
	}

	@Test
	void laneCountBelowOneIsExplained() {
		assertFailureAnalysis("lockfree.events.ring.lanes=0", "lockfree.events.ring.lanes", "0",
				"an integer from 1 to 1024");
	}

	@Test
	void unknownModeIsExplainedWithTheAllowedValues() {
		assertFailureAnalysis("lockfree.events.mode=sideways", "lockfree.events.mode", "sideways",
				"one of sync, async");
	}

	@Test
	void unknownWaitStrategyIsExplainedWithTheAllowedValues() {
		assertFailureAnalysis("lockfree.events.ring.wait-strategy=sleep", "lockfree.events.ring.wait-strategy",
				"sleep", "one of park, block, yield, spin");
	}

	@Test
	void unknownOverflowPolicyIsExplainedWithTheAllowedValues() {
		assertFailureAnalysis("lockfree.events.ring.overflow=ignore", "lockfree.events.ring.overflow", "ignore",
				"one of block, caller-runs, drop, fail");
	}

	@Test
	void capacityThatIsNotANumberIsExplained() {
		assertFailureAnalysis("lockfree.events.ring.capacity=lots", "lockfree.events.ring.capacity", "lots",
				"a whole number");
	}

	@Test
	void fastInvokersThatIsNotABooleanIsExplained() {
		assertFailureAnalysis("lockfree.events.fast-invokers=maybe", "lockfree.events.fast-invokers", "maybe",
				"true or false");
	}

	@Test
	void shutdownTimeoutThatIsNotADurationIsExplained() {
		assertFailureAnalysis("lockfree.events.shutdown-timeout=soon", "lockfree.events.shutdown-timeout", "soon",
				"a duration such as 30s");
	}

	@Test
	void negativeShutdownTimeoutIsExplained() {
		assertFailureAnalysis("lockfree.events.shutdown-timeout=-1s", "lockfree.events.shutdown-timeout", "PT-1S",
				"a duration of zero or more");
	}

	@Test
	void includePatternThatIsNotAClassNameOrPackageIsExplained() {
		assertFailureAnalysis("lockfree.events.async.include=com.acme..Order", "lockfree.events.async.include",
				"com.acme..Order", "a fully qualified class name (com.acme.OrderPlaced) or a package followed by .*");
	}

	@Test
	void excludePatternWithAWildcardInTheMiddleIsExplained() {
		assertFailureAnalysis("lockfree.events.async.exclude=com.*.audit", "lockfree.events.async.exclude",
				"com.*.audit", "a fully qualified class name");
	}

	@Test
	void otherBindFailuresAreLeftToSpringBoot() {
		this.contextRunner.withUserConfiguration(OtherPropertiesConfiguration.class)
			.withPropertyValues("other.count=many")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).doesNotContain("lockfree-events")
					.contains("other.count")
					.contains("many");
			});
	}

	private void assertFailureAnalysis(String property, String name, String value, String allowed) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis).as("failure analysis").isNotNull();
			assertThat(analysis.getDescription()).contains("lockfree-events")
				.contains("Property: " + name)
				.contains("Value: \"" + value + "\"")
				.contains(allowed);
			assertThat(analysis.getAction()).contains(name).contains(allowed);
		});
	}

	private static FailureAnalysis analyze(Throwable failure) {
		ArgumentResolver arguments = ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory())
			.and(Environment.class, new StandardEnvironment());
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, arguments, FailureHandler.handleMessage((message, ex) -> {
			}));
		for (FailureAnalyzer analyzer : analyzers) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		return null;
	}

	@org.springframework.boot.context.properties.EnableConfigurationProperties(OtherProperties.class)
	static class OtherPropertiesConfiguration {

	}

	@org.springframework.boot.context.properties.ConfigurationProperties("other")
	static class OtherProperties {

		private int count;

		public int getCount() {
			return this.count;
		}

		public void setCount(int count) {
			this.count = count;
		}

	}

}
