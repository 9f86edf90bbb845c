package dev.lockfree.events.reliability;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.jctools.queues.MpscArrayQueue;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Lincheck checks of a lane's ring as {@code Lane} uses it: a bounded JCTools {@link MpscArrayQueue} offered to
 * by any thread and drained in batches ({@code drain(consumer, batchSize)}) by one consumer at a time, against
 * a FIFO model. Linearizability gives what the lanes promise of their rings: no delivery lost, none handed out
 * twice, FIFO per producer. (The consumer claim and the worker threads themselves are outside Lincheck's reach;
 * the soak and {@code ring/*Tests} cover them.)
 *
 * <p>"Full" is not linearizable and is left out of the model: see {@link #fullRingIsLinearizable()}.
 */
@Tag("lincheck")
class LaneQueueLinearizabilityTests {

	private static final int SCALE = Integer.getInteger("lincheck.scale", 1);

	/** Ring capacity: more than a scenario offers, so the ring is never full (see the class Javadoc). */
	static final int CAPACITY = 16;

	/** Batch size of a drain, as {@code ring.batch-size}. */
	static final int BATCH = 2;

	/** Every explored interleaving of offers and single-consumer batch drains is linearizable. */
	@Test
	void laneRingIsLinearizableUnderModelChecking() {
		new ModelCheckingOptions().iterations(10 * SCALE)
			.invocationsPerIteration(30)
			.threads(3)
			.actorsPerThread(3)
			.sequentialSpecification(SequentialRing.class)
			.check(LaneRing.class);
	}

	/** The same property under real threads. */
	@Test
	void laneRingIsLinearizableUnderStress() {
		new StressOptions().iterations(10 * SCALE)
			.invocationsPerIteration(300)
			.threads(3)
			.actorsPerThread(3)
			.sequentialSpecification(SequentialRing.class)
			.check(LaneRing.class);
	}

	/**
	 * A full ring refuses an offer only when a sequential ring of the same capacity would. It does not: with
	 * capacity 2, after {@code offer(5), offer(5)}, a drain of both running concurrently with {@code offer(6)}
	 * and {@code offer(5)} returns {@code [5, 5]} while {@code offer(6)} succeeds and {@code offer(5)} is refused:
	 * the consumer frees a slot only once it has handed out its element, so an offer racing a batch can see the
	 * ring full by one slot. Harmless for accounting (a refused offer goes to the overflow policy and is counted
	 * exactly); see docs/RELIABILITY.md, "Findings".
	 */
	@Test
	@org.junit.jupiter.api.Disabled("Known: an offer racing a batch drain may see the ring full by one slot")
	void fullRingIsLinearizable() {
		new ModelCheckingOptions().iterations(5 * SCALE)
			.invocationsPerIteration(200)
			.threads(2)
			.actorsPerThread(2)
			.sequentialSpecification(SmallSequentialRing.class)
			.check(SmallLaneRing.class);
	}

	/**
	 * A single relaxed {@code drain} is linearizable. It is not: the stress run finds a thread whose own
	 * {@code offer(5)} returned true and whose next {@code drain()} returned {@code []}, because two other
	 * producers had claimed earlier slots and not written them yet. Lanes do not lose such deliveries: a worker
	 * never parks while {@code isEmpty()} is false (it compares the indexes, so a claimed slot counts), which is
	 * what {@link LaneRing#drain()} models.
	 */
	@Test
	@org.junit.jupiter.api.Disabled("Known: JCTools' drain is relaxed; lanes compensate by re-checking isEmpty()")
	void drainIsLinearizableWithoutTheEmptinessCheck() {
		new StressOptions().iterations(10 * SCALE)
			.invocationsPerIteration(1_000)
			.threads(3)
			.actorsPerThread(3)
			.sequentialSpecification(SequentialRing.class)
			.check(RelaxedLaneRing.class);
	}

	/** The concurrent subject (public for Lincheck). */
	@Param(name = "value", gen = IntGen.class, conf = "1:9")
	public static class LaneRing {

		final MpscArrayQueue<Integer> ring;

		public LaneRing() {
			this(CAPACITY);
		}

		LaneRing(int capacity) {
			this.ring = new MpscArrayQueue<>(capacity);
		}

		@Operation
		public boolean offer(@Param(name = "value") int value) {
			return this.ring.offer(value);
		}

		/**
		 * One consumer at a time, as the claim guarantees, taking up to a batch. Like the worker, it does not
		 * stop while {@code isEmpty()} is false: JCTools' {@code drain} is relaxed and stops at a slot whose
		 * producer has claimed it but not written it yet, even when later slots are full (see
		 * {@link #drainIsLinearizableWithoutTheEmptinessCheck()}).
		 */
		@Operation(nonParallelGroup = "consumer")
		public List<Integer> drain() {
			List<Integer> taken = new ArrayList<>();
			while (taken.size() < BATCH && !this.ring.isEmpty()) {
				this.ring.drain(taken::add, BATCH - taken.size());
			}
			return taken;
		}

		/** A single relaxed drain, as a worker would do it without re-checking emptiness (not an operation here). */
		List<Integer> relaxedDrain() {
			List<Integer> taken = new ArrayList<>();
			this.ring.drain(taken::add, BATCH);
			return taken;
		}

	}

	/** The ring with a relaxed drain: for {@link #drainIsLinearizableWithoutTheEmptinessCheck()}. */
	@Param(name = "value", gen = IntGen.class, conf = "1:9")
	public static class RelaxedLaneRing {

		private final LaneRing ring = new LaneRing();

		@Operation
		public boolean offer(@Param(name = "value") int value) {
			return this.ring.offer(value);
		}

		@Operation(nonParallelGroup = "consumer")
		public List<Integer> drain() {
			return this.ring.relaxedDrain();
		}

	}

	/** A ring of capacity 2, for {@link #fullRingIsLinearizable()}. */
	@Param(name = "value", gen = IntGen.class, conf = "1:9")
	public static class SmallLaneRing extends LaneRing {

		public SmallLaneRing() {
			super(2);
		}

	}

	/** The sequential model: a FIFO of the ring's capacity. */
	public static class SequentialRing {

		private final ArrayDeque<Integer> ring = new ArrayDeque<>();

		private final int capacity;

		public SequentialRing() {
			this(CAPACITY);
		}

		SequentialRing(int capacity) {
			this.capacity = capacity;
		}

		public boolean offer(int value) {
			if (this.ring.size() == this.capacity) {
				return false;
			}
			return this.ring.add(value);
		}

		public List<Integer> drain() {
			List<Integer> taken = new ArrayList<>();
			while (taken.size() < BATCH && !this.ring.isEmpty()) {
				taken.add(this.ring.poll());
			}
			return taken;
		}

	}

	/** The model of {@link SmallLaneRing}. */
	public static class SmallSequentialRing extends SequentialRing {

		public SmallSequentialRing() {
			super(2);
		}

	}

}
