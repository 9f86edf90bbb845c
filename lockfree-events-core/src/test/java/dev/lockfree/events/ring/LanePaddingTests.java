package dev.lockfree.events.ring;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three groups of {@link Lane} fields (read-only, wake-up flag, consumer) are at least a cache line apart.
 * Reads field offsets with {@code sun.misc.Unsafe}, as a JOL layout dump would.
 */
class LanePaddingTests {

	private static final long CACHE_LINE = 64;

	@Test
	void wakeUpFlagIsACacheLineAwayFromTheReadOnlyAndTheConsumerFields() throws Exception {
		List<Long> readOnly = List.of(offset(LaneReadOnlyFields.class, "index"),
				offset(LaneReadOnlyFields.class, "capacity"), offset(LaneReadOnlyFields.class, "batchSize"),
				offset(LaneReadOnlyFields.class, "queue"), offset(LaneReadOnlyFields.class, "handler"),
				offset(LaneReadOnlyFields.class, "owner"), offset(LaneReadOnlyFields.class, "drops"),
				offset(LaneReadOnlyFields.class, "worker"));
		long sleeping = offset(LaneWakeField.class, "sleeping");
		List<Long> consumer = List.of(offset(LaneConsumerFields.class, "claim"),
				offset(LaneConsumerFields.class, "workerState"), offset(LaneConsumerFields.class, "delivered"),
				offset(LaneConsumerFields.class, "batches"));
		long lastReadOnly = readOnly.stream().mapToLong(Long::longValue).max().getAsLong();
		long firstConsumer = consumer.stream().mapToLong(Long::longValue).min().getAsLong();
		long lastConsumer = consumer.stream().mapToLong(Long::longValue).max().getAsLong();
		long laneOwnField = offset(Lane.class, "consumer");
		assertThat(sleeping - lastReadOnly).as("read-only fields to wake-up flag").isGreaterThanOrEqualTo(CACHE_LINE);
		assertThat(firstConsumer - sleeping).as("wake-up flag to consumer fields").isGreaterThanOrEqualTo(CACHE_LINE);
		assertThat(laneOwnField - lastConsumer).as("consumer fields to what follows").isGreaterThanOrEqualTo(CACHE_LINE);
	}

	private static long offset(Class<?> type, String name) throws Exception {
		Class<?> unsafeType = Class.forName("sun.misc.Unsafe");
		Field theUnsafe = unsafeType.getDeclaredField("theUnsafe");
		theUnsafe.setAccessible(true);
		Method objectFieldOffset = unsafeType.getMethod("objectFieldOffset", Field.class);
		return (long) objectFieldOffset.invoke(theUnsafe.get(null), type.getDeclaredField(name));
	}

}
