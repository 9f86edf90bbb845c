package dev.lockfree.events.autoconfigure;

import org.junit.jupiter.api.Test;

import dev.lockfree.events.LockFreeEventOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LockFreeEventsProperties}.
 */
class LockFreeEventsPropertiesTests {

	@Test
	void defaultsAreTheDefaultsOfLockFreeEventOptions() {
		LockFreeEventsProperties properties = new LockFreeEventsProperties();
		LockFreeEventOptions defaults = LockFreeEventOptions.defaults();
		assertThat(properties.getMode()).isEqualTo(defaults.mode());
		assertThat(properties.getAsync().getInclude()).isEqualTo(defaults.asyncInclude());
		assertThat(properties.getAsync().getExclude()).isEqualTo(defaults.asyncExclude());
		assertThat(properties.getRing().getLanes()).isEqualTo(LockFreeEventOptions.DEFAULT_LANES);
		assertThat(properties.getRing().getCapacity()).isEqualTo(LockFreeEventOptions.DEFAULT_CAPACITY);
		assertThat(properties.getRing().getBatchSize()).isEqualTo(LockFreeEventOptions.DEFAULT_BATCH_SIZE);
		assertThat(properties.getRing().getWaitStrategy()).isEqualTo(defaults.waitStrategy());
		assertThat(properties.getRing().getOverflow()).isEqualTo(defaults.overflowPolicy());
		assertThat(properties.getRing().getThreadNamePrefix())
			.isEqualTo(LockFreeEventOptions.DEFAULT_THREAD_NAME_PREFIX);
		assertThat(properties.getShutdownTimeout()).isEqualTo(LockFreeEventOptions.DEFAULT_SHUTDOWN_TIMEOUT);
		assertThat(properties.isContextPropagation()).isEqualTo(defaults.contextPropagation());
		assertThat(properties.getTiming().getSampleInterval())
			.isEqualTo(LockFreeEventOptions.DEFAULT_TIMING_SAMPLE_INTERVAL);
		assertThat(properties.isEnabled()).isTrue();
		assertThat(properties.isFastInvokers()).isTrue();
	}

	@Test
	void defaultsMapToTheDefaultOptions() {
		assertThat(LockFreeEventsAutoConfiguration.toOptions(new LockFreeEventsProperties()).toString())
			.isEqualTo(LockFreeEventOptions.defaults().toString());
	}

}
