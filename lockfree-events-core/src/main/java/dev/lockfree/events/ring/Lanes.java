package dev.lockfree.events.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import dev.lockfree.events.LockFreeEventOptions;
import dev.lockfree.events.OverflowPolicy;
import dev.lockfree.events.WaitStrategy;
import dev.lockfree.events.stats.LaneStatistics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Moves deliveries from any number of publisher threads to a fixed set of lanes, each a bounded
 * multi-producer single-consumer ring ({@link org.jctools.queues.MpscArrayQueue}) drained by one daemon worker
 * thread that hands every delivery to the {@link DeliveryHandler}. No locks: publishing is a CAS on the ring's
 * producer index plus a volatile load, and a wake-up only when the worker may be parked.
 *
 * <p>Guarantees (argued in {@code package-info.java}):
 * <ul>
 * <li>Deliveries of one publisher to one lane are handled in the order they were offered.</li>
 * <li>The handler never runs concurrently with itself for one lane.</li>
 * <li>Every {@link OfferOutcome#ENQUEUED} delivery is handled exactly once, or counted in {@link #abandoned()}
 * when {@link #shutdown(Duration)} times out; every other outcome leaves the delivery with the caller.</li>
 * </ul>
 *
 * <p>Life cycle: NEW (no thread), RUNNING (from {@link #start()} or the first {@link #offer}), STOPPING (from
 * {@link #shutdown(Duration)}: nothing new is accepted, what was accepted is delivered), STOPPED.
 *
 * @param <T> the type of the deliveries (opaque to the lanes)
 */
public final class Lanes<T> {

	private static final Log logger = LogFactory.getLog(Lanes.class);

	/** Back-off rounds of {@link Thread#onSpinWait()} before yielding. */
	private static final int BACK_OFF_SPIN_ROUNDS = 64;

	/** Back-off rounds of {@link Thread#yield()} before parking. */
	private static final int BACK_OFF_YIELD_ROUNDS = 16;

	/** Longest single park of a back-off. */
	private static final long BACK_OFF_MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	/** Time shutdown gives interrupted workers to discard and count what they hold before it counts for them. */
	private static final long ABANDON_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private static final int NEW = 0;

	private static final int STARTING = 1;

	private static final int RUNNING = 2;

	private static final int STOPPING = 3;

	private static final int STOPPED = 4;

	private static final VarHandle STATE;

	static {
		try {
			STATE = MethodHandles.lookup().findVarHandle(Lanes.class, "state", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final Lane<T>[] lanes;

	private final WaitStrategy waitStrategy;

	private final OverflowPolicy overflowPolicy;

	private final String threadNamePrefix;

	private final ClassLoader contextClassLoader;

	/** Indexed by {@link OverflowPolicy#ordinal()}. */
	private final LongAdder[] overflowed;

	private final LongAdder abandoned = new LongAdder();

	/**
	 * NEW, STARTING, RUNNING, STOPPING or STOPPED. Volatile: loaded by every offer after its enqueue and by the
	 * workers between batches; changed by CAS (start, stop) or volatile store (end of start, end of stop).
	 */
	private volatile int state = NEW;

	/**
	 * Set once by a shutdown that timed out, before it interrupts the workers. Volatile: loaded by the consumer
	 * before each delivery; from then on consumers count deliveries as abandoned instead of handling them.
	 */
	private volatile boolean abandoning;

	/**
	 * Create lanes, starting no thread yet.
	 * @param options supplies {@code lanes}, {@code capacity}, {@code batchSize}, {@code waitStrategy},
	 * {@code overflowPolicy} and {@code threadNamePrefix}
	 * @param handler receives every delivery
	 */
	public Lanes(LockFreeEventOptions options, DeliveryHandler<T> handler) {
		this(options, handler, Lane.PARK_SAFETY_NET_NANOS);
	}

	/**
	 * Create lanes whose parked workers also wake up every {@code parkSafetyNetNanos} without being woken. Tests
	 * set it to hours to prove that no wake-up depends on the safety net.
	 */
	@SuppressWarnings("unchecked")
	Lanes(LockFreeEventOptions options, DeliveryHandler<T> handler, long parkSafetyNetNanos) {
		Objects.requireNonNull(options, "options must not be null");
		Objects.requireNonNull(handler, "handler must not be null");
		this.waitStrategy = options.waitStrategy();
		this.overflowPolicy = options.overflowPolicy();
		this.threadNamePrefix = options.threadNamePrefix();
		this.contextClassLoader = Thread.currentThread().getContextClassLoader();
		this.lanes = new Lane[options.lanes()];
		for (int i = 0; i < this.lanes.length; i++) {
			this.lanes[i] = new Lane<>(i, options.capacity(), options.batchSize(), handler, this,
					parkSafetyNetNanos);
		}
		this.overflowed = new LongAdder[OverflowPolicy.values().length];
		for (int i = 0; i < this.overflowed.length; i++) {
			this.overflowed[i] = new LongAdder();
		}
	}

	/** Number of lanes. */
	public int count() {
		return this.lanes.length;
	}

	/** Ring capacity of each lane. */
	public int capacity() {
		return this.lanes[0].capacity;
	}

	/**
	 * Hand a delivery to a lane. Thread-safe, lock-free while the lane has room; starts the workers on the first
	 * call. Only {@link OfferOutcome#ENQUEUED} means the lanes took the delivery.
	 * <p>On a full lane: a lane worker thread (of any lanes) gets {@link OfferOutcome#RUN_ON_CALLER} at once;
	 * other threads get what the overflow policy says, {@link OverflowPolicy#BLOCK} waiting for room until the
	 * lanes stop or the thread is interrupted (then {@link OfferOutcome#RUN_ON_CALLER}, interrupt status kept).
	 * <p>Once the lanes stop accepting, returns {@link OfferOutcome#RUN_ON_CALLER}. A publisher that enqueued
	 * just as they stopped delivers what the lane holds on its own thread before returning.
	 * @param lane lane index, from 0 to {@link #count()} - 1
	 * @param delivery the delivery, not {@code null}
	 * @throws OutOfMemoryError (or another error) if this first offer cannot start a worker thread; the lanes
	 * then stop accepting, so later offers return {@link OfferOutcome#RUN_ON_CALLER}
	 */
	public OfferOutcome offer(int lane, T delivery) {
		Objects.requireNonNull(delivery, "delivery must not be null");
		Lane<T> target = this.lanes[lane];
		if (this.state != RUNNING && !startIfNew()) {
			return OfferOutcome.RUN_ON_CALLER;
		}
		return enqueue(target, delivery);
	}

	/**
	 * What {@link #offer} does once it has read RUNNING. For tests: plays a publisher that read RUNNING just
	 * before the lanes stopped, whatever the state is now.
	 */
	OfferOutcome offerPastStateCheck(int lane, T delivery) {
		return enqueue(this.lanes[lane], delivery);
	}

	private OfferOutcome enqueue(Lane<T> target, T delivery) {
		if (target.offer(delivery)) {
			return enqueued(target);
		}
		return overflow(target, delivery);
	}

	/**
	 * After a successful enqueue: wake the worker if it may be parked, or, if the lanes began to stop, help
	 * drain the lane (package-info, "Stop protocol").
	 * <p>NOTE: the volatile load of {@code state} must follow the enqueue's producer-index CAS.
	 */
	private OfferOutcome enqueued(Lane<T> target) {
		if (this.state == RUNNING) {
			target.wakeWorker();
		}
		else {
			target.helpDrain();
		}
		return OfferOutcome.ENQUEUED;
	}

	private OfferOutcome overflow(Lane<T> target, T delivery) {
		if (isWorkerThread(Thread.currentThread())) {
			// Waiting here could wait for this very thread (its own lane) or for a worker waiting on this one.
			this.overflowed[OverflowPolicy.CALLER_RUNS.ordinal()].increment();
			return OfferOutcome.RUN_ON_CALLER;
		}
		this.overflowed[this.overflowPolicy.ordinal()].increment();
		return switch (this.overflowPolicy) {
			case BLOCK -> awaitRoom(target, delivery);
			case CALLER_RUNS -> OfferOutcome.RUN_ON_CALLER;
			case DROP -> {
				target.drops.dropped();
				yield OfferOutcome.DROPPED;
			}
			case FAIL -> OfferOutcome.REJECTED;
		};
	}

	/**
	 * BLOCK policy: retry with back-off until the lane has room. Terminates when the worker frees a slot, when
	 * the lanes stop (the state is re-read every round; the back-off never sleeps longer than 1 ms), or when the
	 * thread is interrupted.
	 */
	private OfferOutcome awaitRoom(Lane<T> target, T delivery) {
		for (int round = 0;; round++) {
			if (this.state != RUNNING || Thread.currentThread().isInterrupted()) {
				return OfferOutcome.RUN_ON_CALLER;
			}
			backOff(round);
			if (target.offer(delivery)) {
				return enqueued(target);
			}
		}
	}

	/** Spin, then yield, then park for exponentially longer times capped at 1 ms. */
	static void backOff(int round) {
		if (round < BACK_OFF_SPIN_ROUNDS) {
			Thread.onSpinWait();
		}
		else if (round < BACK_OFF_SPIN_ROUNDS + BACK_OFF_YIELD_ROUNDS) {
			Thread.yield();
		}
		else {
			int parks = Math.min(round - BACK_OFF_SPIN_ROUNDS - BACK_OFF_YIELD_ROUNDS, 20);
			LockSupport.parkNanos(Math.min(BACK_OFF_MAX_PARK_NANOS, 1_000L << parks));
		}
	}

	/** Start the worker threads now, if not started yet. Idempotent and thread-safe. */
	public void start() {
		startIfNew();
	}

	/**
	 * Move NEW to RUNNING, starting every worker exactly once (the CAS NEW to STARTING elects the starter).
	 * @return whether the lanes are RUNNING afterwards
	 */
	private boolean startIfNew() {
		// Terminates: STARTING lasts as long as the starter takes to start the threads, then becomes RUNNING
		// (or STOPPING if a thread could not be started).
		for (;;) {
			int current = this.state;
			if (current == NEW) {
				if (STATE.compareAndSet(this, NEW, STARTING)) {
					startWorkers();
					return this.state == RUNNING;
				}
			}
			else if (current == STARTING) {
				Thread.yield();
			}
			else {
				return current == RUNNING;
			}
		}
	}

	private void startWorkers() {
		int started = 0;
		try {
			for (Lane<T> lane : this.lanes) {
				LaneWorkerThread<T> worker = new LaneWorkerThread<>(lane, this, this.waitStrategy,
						this.threadNamePrefix + lane.index, this.contextClassLoader);
				lane.worker = worker;
				worker.start();
				started++;
			}
			// NOTE: volatile store after every worker field was written: a thread that reads RUNNING sees them.
			this.state = RUNNING;
		}
		catch (Throwable ex) {
			// Run everything on the callers rather than enqueue into a lane that has no worker.
			this.state = STOPPING;
			for (int i = 0; i < this.lanes.length; i++) {
				if (i < started) {
					this.lanes[i].wakeWorkerUnconditionally();
				}
				else {
					this.lanes[i].releaseClaim();
				}
			}
			throw ex;
		}
	}

	/** Whether {@link #offer} can enqueue: not started yet or running, and not stopping or stopped. */
	public boolean isAccepting() {
		return this.state <= RUNNING;
	}

	/**
	 * Whether the lanes began to stop. Workers run while this is false: they are started while the state is
	 * still STARTING.
	 */
	boolean isStopping() {
		return this.state >= STOPPING;
	}

	boolean isAbandoning() {
		return this.abandoning;
	}

	void countAbandoned() {
		this.abandoned.increment();
	}

	/**
	 * Stop accepting deliveries, let the workers deliver everything already accepted, and wait for them to finish
	 * for at most {@code timeout}.
	 * <p>If they have not finished by then, the workers are told to stop after their current delivery, the
	 * deliveries still in the rings are counted as abandoned (and never delivered), a WARN is logged and the
	 * workers are interrupted. A worker stuck in a handler that ignores the interrupt holds on to its lane's
	 * remainder: it is part of the returned number at once, and of {@link #abandoned()} when the handler returns.
	 * <p>Idempotent and callable from any thread, a worker included (it does not wait for itself). Returns at
	 * once if the lanes never started. Only the call that stops the lanes counts: later calls wait up to their
	 * own timeout for the workers and return 0. If the calling thread is interrupted while waiting, the wait ends
	 * as if the timeout had expired (interrupt status kept).
	 * @param timeout how long to wait for the accepted deliveries to be delivered
	 * @return the number of accepted deliveries that will never be delivered
	 */
	public int shutdown(Duration timeout) {
		long deadline = System.nanoTime() + Math.max(0, saturatedNanos(timeout));
		if (!beginStop()) {
			awaitWorkers(deadline);
			return 0;
		}
		for (Lane<T> lane : this.lanes) {
			lane.wakeWorkerUnconditionally();
		}
		int abandonedCount = awaitWorkers(deadline) ? 0 : abandonRemaining(timeout);
		for (Lane<T> lane : this.lanes) {
			lane.drops.flush();
		}
		this.state = STOPPED;
		return abandonedCount;
	}

	/**
	 * Move to STOPPING (or NEW straight to STOPPED).
	 * @return whether this call moved RUNNING to STOPPING, i.e. whether it must wait for and count deliveries
	 */
	private boolean beginStop() {
		// Terminates: every state but STARTING is handled in one CAS attempt per change; STARTING ends.
		for (;;) {
			int current = this.state;
			if (current == NEW) {
				if (STATE.compareAndSet(this, NEW, STOPPED)) {
					return false;
				}
			}
			else if (current == STARTING) {
				Thread.yield();
			}
			else if (current == RUNNING) {
				if (STATE.compareAndSet(this, RUNNING, STOPPING)) {
					return true;
				}
			}
			else {
				return false;
			}
		}
	}

	/** @return whether every worker (but the calling thread) has finished by the deadline */
	private boolean awaitWorkers(long deadline) {
		for (Lane<T> lane : this.lanes) {
			Thread worker = lane.worker;
			if (worker == null || worker == Thread.currentThread()) {
				continue;
			}
			if (!join(worker, deadline - System.nanoTime())) {
				return false;
			}
		}
		return true;
	}

	/** @return whether the thread has finished; false if the wait timed out or was interrupted */
	private static boolean join(Thread thread, long nanos) {
		if (nanos > 0) {
			try {
				TimeUnit.NANOSECONDS.timedJoin(thread, nanos);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return !thread.isAlive();
	}

	/** The timeout expired: discard what the rings still hold, counting it. */
	private int abandonRemaining(Duration timeout) {
		// NOTE: set before the interrupts, so an interrupted worker sees it, and before any discarding.
		this.abandoning = true;
		for (Lane<T> lane : this.lanes) {
			lane.helpDrain();
		}
		for (Lane<T> lane : this.lanes) {
			Thread worker = lane.worker;
			if (worker != null && worker != Thread.currentThread()) {
				worker.interrupt();
			}
		}
		// Interrupted handlers usually return at once: give their workers a moment to count what they hold.
		boolean interrupted = Thread.interrupted();
		awaitWorkers(System.nanoTime() + ABANDON_GRACE_NANOS);
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		long stuck = 0;
		for (Lane<T> lane : this.lanes) {
			lane.helpDrain();
			stuck += lane.queue.size();
		}
		long total = this.abandoned.sum() + stuck;
		int result = (int) Math.min(Integer.MAX_VALUE, total);
		if (logger.isWarnEnabled()) {
			logger.warn("Lanes did not deliver everything within " + timeout + ": " + result
					+ " accepted deliveries abandoned" + ((stuck > 0)
							? " (" + stuck + " of them behind a handler that has not returned)" : ""));
		}
		return result;
	}

	private static long saturatedNanos(Duration timeout) {
		try {
			return timeout.toNanos();
		}
		catch (ArithmeticException ex) {
			return timeout.isNegative() ? 0 : Long.MAX_VALUE / 2;
		}
	}

	/**
	 * Deliveries that met a full lane, per the policy that handled them. A full lane met by a lane worker thread
	 * counts as {@link OverflowPolicy#CALLER_RUNS} whatever the configured policy; {@link OverflowPolicy#BLOCK}
	 * counts each offer that had to wait once.
	 */
	public long overflowed(OverflowPolicy policy) {
		return this.overflowed[policy.ordinal()].sum();
	}

	/** Accepted deliveries counted as abandoned (never delivered) by a shutdown that timed out. */
	public long abandoned() {
		return this.abandoned.sum();
	}

	/** A snapshot of every lane, in lane order. */
	public List<LaneStatistics> statistics() {
		List<LaneStatistics> statistics = new ArrayList<>(this.lanes.length);
		for (Lane<T> lane : this.lanes) {
			statistics.add(lane.statistics());
		}
		return Collections.unmodifiableList(statistics);
	}

	/** Whether {@code thread} is a lane worker thread of any {@link Lanes}. */
	public static boolean isWorkerThread(Thread thread) {
		return thread instanceof LaneWorkerThread;
	}

	/** A lane. For tests. */
	Lane<T> lane(int lane) {
		return this.lanes[lane];
	}

	/** The worker thread of a lane, {@code null} before the lanes start. For tests. */
	Thread workerThread(int lane) {
		return this.lanes[lane].worker;
	}

	@Override
	public String toString() {
		return "Lanes{count=" + count() + ", capacity=" + capacity() + ", waitStrategy=" + this.waitStrategy
				+ ", overflowPolicy=" + this.overflowPolicy + ", threadNamePrefix='" + this.threadNamePrefix + "'}";
	}

}
