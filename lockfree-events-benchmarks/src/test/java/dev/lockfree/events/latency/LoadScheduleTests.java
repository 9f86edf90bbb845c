package dev.lockfree.events.latency;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LoadScheduleTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	@Test
	void constantScheduleSpacesEventsEvenly() {
		LoadSchedule schedule = LoadSchedule.constant(1000, SECOND);
		assertThat(schedule.nextOffset()).isZero();
		assertThat(schedule.nextOffset()).isEqualTo(1_000_000);
		assertThat(schedule.nextOffset()).isEqualTo(2_000_000);
		assertThat(countWithin(schedule, SECOND)).isEqualTo(1000 - 3);
	}

	@Test
	void poissonScheduleHasTheMeanRateAndVaryingGaps() {
		LoadSchedule schedule = LoadSchedule.poisson(10_000, SECOND * 10, 42);
		long events = countWithin(schedule, 10 * SECOND);
		assertThat((double) events).isCloseTo(100_000, within(2_000.0));
		LoadSchedule again = LoadSchedule.poisson(10_000, SECOND, 42);
		long first = again.nextOffset();
		long second = again.nextOffset();
		long third = again.nextOffset();
		assertThat(second - first).isNotEqualTo(third - second);
	}

	@Test
	void poissonScheduleIsTheSameForTheSameSeed() {
		LoadSchedule one = LoadSchedule.poisson(10_000, SECOND, 7);
		LoadSchedule other = LoadSchedule.poisson(10_000, SECOND, 7);
		for (int i = 0; i < 100; i++) {
			assertThat(one.nextOffset()).isEqualTo(other.nextOffset());
		}
	}

	@Test
	void steppedScheduleRaisesTheRateEveryStep() {
		LoadSchedule schedule = LoadSchedule.stepped(List.of(100L, 1000L, 10_000L), SECOND);
		assertThat(schedule.durationNanos()).isEqualTo(3 * SECOND);
		long[] perStep = new long[3];
		long offset;
		while ((offset = schedule.nextOffset()) < schedule.durationNanos()) {
			perStep[(int) (offset / SECOND)]++;
		}
		assertThat(perStep[0]).isCloseTo(100, within(1L));
		assertThat(perStep[1]).isCloseTo(1000, within(1L));
		assertThat(perStep[2]).isCloseTo(10_000, within(1L));
	}

	private static long countWithin(LoadSchedule schedule, long duration) {
		long count = 0;
		while (schedule.nextOffset() < duration) {
			count++;
		}
		return count;
	}

}
