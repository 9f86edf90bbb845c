package dev.lockfree.events.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

import dev.lockfree.events.stats.LaneStatistics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscArrayQueue;

// Field layout: the class hierarchy below keeps three groups of fields on cache lines of their own (HotSpot lays
// out a superclass's fields before its subclass's, and byte padding leaves no gap a subclass field could fill):
// read-only references (read by every thread), the wake-up flag (read by every publisher on every offer, written
// by the worker when it goes idle) and the consumer's fields (written by whoever holds the consumer claim, on
// every batch). See package-info.java.

/** Fields written once, before the worker starts, and read by publishers and the consumer. */
abstract class LaneReadOnlyFields<T> {

	final int index;

	final int capacity;

	final int batchSize;

	final MpscArrayQueue<T> queue;

	final DeliveryHandler<T> handler;

	final Lanes<T> owner;

	final DropReporter drops;

	/**
	 * The worker thread. Plain field: written once by the thread that starts the lanes, before
	 * {@link Thread#start()} and before the lanes' state becomes RUNNING (a volatile write), so every thread that
	 * reads RUNNING, and the worker itself, sees it.
	 */
	Thread worker;

	LaneReadOnlyFields(int index, int capacity, int batchSize, DeliveryHandler<T> handler, Lanes<T> owner) {
		this.index = index;
		this.capacity = capacity;
		this.batchSize = batchSize;
		this.queue = new MpscArrayQueue<>(capacity);
		this.handler = handler;
		this.owner = owner;
		this.drops = new DropReporter(index, capacity);
	}

}

abstract class LaneReadOnlyPad<T> extends LaneReadOnlyFields<T> {

	byte a000, a001, a002, a003, a004, a005, a006, a007, a008, a009, a010, a011, a012, a013, a014, a015;

	byte a016, a017, a018, a019, a020, a021, a022, a023, a024, a025, a026, a027, a028, a029, a030, a031;

	byte a032, a033, a034, a035, a036, a037, a038, a039, a040, a041, a042, a043, a044, a045, a046, a047;

	byte a048, a049, a050, a051, a052, a053, a054, a055, a056, a057, a058, a059, a060, a061, a062, a063;

	byte a064, a065, a066, a067, a068, a069, a070, a071, a072, a073, a074, a075, a076, a077, a078, a079;

	byte a080, a081, a082, a083, a084, a085, a086, a087, a088, a089, a090, a091, a092, a093, a094, a095;

	byte a096, a097, a098, a099, a100, a101, a102, a103, a104, a105, a106, a107, a108, a109, a110, a111;

	byte a112, a113, a114, a115, a116, a117, a118, a119, a120, a121, a122, a123, a124, a125, a126, a127;

	LaneReadOnlyPad(int index, int capacity, int batchSize, DeliveryHandler<T> handler, Lanes<T> owner) {
		super(index, capacity, batchSize, handler, owner);
	}

}

/** The worker's "I may park" flag: read by every publisher after every offer. */
abstract class LaneWakeField<T> extends LaneReadOnlyPad<T> {

	/**
	 * {@code true} while the worker is about to park or parked. Volatile: the worker's store and the publisher's
	 * load are the two halves of the wake-up handshake (package-info.java, "Wake-up protocol").
	 */
	volatile boolean sleeping;

	LaneWakeField(int index, int capacity, int batchSize, DeliveryHandler<T> handler, Lanes<T> owner) {
		super(index, capacity, batchSize, handler, owner);
	}

}

abstract class LaneWakePad<T> extends LaneWakeField<T> {

	byte b000, b001, b002, b003, b004, b005, b006, b007, b008, b009, b010, b011, b012, b013, b014, b015;

	byte b016, b017, b018, b019, b020, b021, b022, b023, b024, b025, b026, b027, b028, b029, b030, b031;

	byte b032, b033, b034, b035, b036, b037, b038, b039, b040, b041, b042, b043, b044, b045, b046, b047;

	byte b048, b049, b050, b051, b052, b053, b054, b055, b056, b057, b058, b059, b060, b061, b062, b063;

	byte b064, b065, b066, b067, b068, b069, b070, b071, b072, b073, b074, b075, b076, b077, b078, b079;

	byte b080, b081, b082, b083, b084, b085, b086, b087, b088, b089, b090, b091, b092, b093, b094, b095;

	byte b096, b097, b098, b099, b100, b101, b102, b103, b104, b105, b106, b107, b108, b109, b110, b111;

	byte b112, b113, b114, b115, b116, b117, b118, b119, b120, b121, b122, b123, b124, b125, b126, b127;

	LaneWakePad(int index, int capacity, int batchSize, DeliveryHandler<T> handler, Lanes<T> owner) {
		super(index, capacity, batchSize, handler, owner);
	}

}

/** Fields of the lane's single consumer: written by the thread holding the consumer claim. */
abstract class LaneConsumerFields<T> extends LaneWakePad<T> {

	/**
	 * The consumer claim: 1 while a thread may consume the ring, 0 when free. Volatile: taken by CAS, released by a
	 * volatile store (package-info.java, "Stop protocol"). Starts at 1: the worker owns it from birth and keeps it
	 * while the lanes run, so the running hot path never touches it.
	 */
	volatile int claim = 1;

	/** {@link WorkerState} ordinal. Single writer (the worker), release stores, acquire loads. */
	int workerState;

	/** Deliveries handed to the handler. Single writer (claim holder), release stores, acquire loads. */
	long delivered;

	/** Non-empty batches drained. Single writer (claim holder), release stores, acquire loads. */
	long batches;

	LaneConsumerFields(int index, int capacity, int batchSize, DeliveryHandler<T> handler, Lanes<T> owner) {
		super(index, capacity, batchSize, handler, owner);
	}

}

abstract class LaneConsumerPad<T> extends LaneConsumerFields<T> {

	byte c000, c001, c002, c003, c004, c005, c006, c007, c008, c009, c010, c011, c012, c013, c014, c015;

	byte c016, c017, c018, c019, c020, c021, c022, c023, c024, c025, c026, c027, c028, c029, c030, c031;

	byte c032, c033, c034, c035, c036, c037, c038, c039, c040, c041, c042, c043, c044, c045, c046, c047;

	byte c048, c049, c050, c051, c052, c053, c054, c055, c056, c057, c058, c059, c060, c061, c062, c063;

	byte c064, c065, c066, c067, c068, c069, c070, c071, c072, c073, c074, c075, c076, c077, c078, c079;

	byte c080, c081, c082, c083, c084, c085, c086, c087, c088, c089, c090, c091, c092, c093, c094, c095;

	byte c096, c097, c098, c099, c100, c101, c102, c103, c104, c105, c106, c107, c108, c109, c110, c111;

	byte c112, c113, c114, c115, c116, c117, c118, c119, c120, c121, c122, c123, c124, c125, c126, c127;

	LaneConsumerPad(int index, int capacity, int batchSize, DeliveryHandler<T> handler, Lanes<T> owner) {
		super(index, capacity, batchSize, handler, owner);
	}

}

/**
 * One lane: a bounded multi-producer single-consumer ring, the claim that makes sure only one thread consumes
 * it at a time, the worker's wake-up flag and the consumer's counters.
 *
 * <p>Publishers call {@link #offer}, {@link #wakeWorker()} and, once the lanes stop, {@link #helpDrain()}; the
 * worker ({@link LaneWorkerThread}) calls {@link #consumeBatch()} and {@link #park()}.
 *
 * @param <T> the type of the deliveries
 */
final class Lane<T> extends LaneConsumerPad<T> {

	/**
	 * Longest a parked worker sleeps without being woken. A safety net only: the wake-up protocol loses no
	 * wake-up, so this bounds the damage of a bug rather than being needed; it costs an idle lane ten wake-ups a
	 * second.
	 */
	static final long PARK_SAFETY_NET_NANOS = 100_000_000L;

	private static final Log logger = LogFactory.getLog(Lanes.class);

	private static final VarHandle SLEEPING;

	private static final VarHandle CLAIM;

	private static final VarHandle WORKER_STATE;

	private static final VarHandle DELIVERED;

	private static final VarHandle BATCHES;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			SLEEPING = lookup.findVarHandle(LaneWakeField.class, "sleeping", boolean.class);
			CLAIM = lookup.findVarHandle(LaneConsumerFields.class, "claim", int.class);
			WORKER_STATE = lookup.findVarHandle(LaneConsumerFields.class, "workerState", int.class);
			DELIVERED = lookup.findVarHandle(LaneConsumerFields.class, "delivered", long.class);
			BATCHES = lookup.findVarHandle(LaneConsumerFields.class, "batches", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** Handed to {@link MpscArrayQueue#drain}: created once so that draining allocates nothing. */
	private final MessagePassingQueue.Consumer<T> consumer = this::consume;

	/** Longest park without a wake-up; {@link #PARK_SAFETY_NET_NANOS} but in tests. */
	private final long parkSafetyNetNanos;

	Lane(int index, int capacity, int batchSize, DeliveryHandler<T> handler, Lanes<T> owner,
			long parkSafetyNetNanos) {
		super(index, capacity, batchSize, handler, owner);
		this.parkSafetyNetNanos = parkSafetyNetNanos;
	}

	// ---- publisher side

	/** Try to enqueue: a CAS on the ring's producer index (a full fence), then a release store of the element. */
	boolean offer(T delivery) {
		return this.queue.offer(delivery);
	}

	/**
	 * Wake the worker if it may be parked. Called after every successful offer while the lanes run.
	 * <p>NOTE: must run after the offer's producer-index CAS: the volatile load of {@code sleeping} then cannot be
	 * reordered before it, which is what makes the wake-up handshake work.
	 */
	void wakeWorker() {
		if (this.sleeping && SLEEPING.compareAndSet(this, true, false)) {
			LockSupport.unpark(this.worker);
		}
	}

	/** Wake the worker whatever it is doing, so that it sees a new state of the lanes. */
	void wakeWorkerUnconditionally() {
		Thread thread = this.worker;
		if (thread != null) {
			LockSupport.unpark(thread);
		}
	}

	// ---- consumer side

	/**
	 * Drain up to {@code batchSize} deliveries into the handler. Only for the claim holder.
	 * @return the number of deliveries taken from the ring
	 */
	int consumeBatch() {
		int taken = this.queue.drain(this.consumer, this.batchSize);
		if (taken > 0) {
			BATCHES.setRelease(this, this.batches + 1);
		}
		return taken;
	}

	/**
	 * Consume until the ring is empty or another thread holds the claim. Never waits for another consumer: when
	 * the claim is taken, its holder re-checks the ring after releasing it and drains what is left (package-info,
	 * "Stop protocol"). Used by publishers after the lanes began to stop, by the worker once it has released the
	 * claim it kept while running, and by shutdown to discard abandoned deliveries.
	 */
	void helpDrain() {
		// Terminates: each round either consumes or returns, and after the lanes stop accepting only the finitely
		// many publishers already past their state check can still add deliveries.
		while (!this.queue.isEmpty() && tryClaim()) {
			try {
				consumeUntilEmpty();
			}
			finally {
				releaseClaim();
			}
			// NOTE: the loop condition re-reads the ring AFTER the volatile release: a publisher whose claim CAS
			// failed while we held it enqueued before that CAS, so we see its delivery here.
		}
	}

	private void consumeUntilEmpty() {
		while (!this.queue.isEmpty()) {
			if (consumeBatch() == 0) {
				// A publisher has moved the producer index but not yet stored its element: it is one store away.
				Thread.onSpinWait();
			}
		}
	}

	boolean tryClaim() {
		return CLAIM.compareAndSet(this, 0, 1);
	}

	/** Volatile store: ordered before the holder's next volatile load (its emptiness re-check). */
	void releaseClaim() {
		this.claim = 0;
	}

	boolean isEmpty() {
		return this.queue.isEmpty();
	}

	private void consume(T delivery) {
		if (this.owner.isAbandoning()) {
			this.owner.countAbandoned();
			return;
		}
		try {
			this.handler.deliver(delivery);
		}
		catch (Throwable ex) {
			logger.error("Delivery handler failed on lane " + this.index + "; the lane keeps running", ex);
		}
		DELIVERED.setRelease(this, this.delivered + 1);
	}

	/**
	 * Park the worker until a publisher wakes it, the lanes stop, or the safety net expires. May return early
	 * (spurious wake-up, stale permit): the caller re-checks the ring and the state and calls again.
	 */
	void park() {
		// NOTE: volatile store of the flag, THEN volatile loads of the ring's indexes and the lanes' state. A
		// publisher does the opposite (producer-index CAS, then load of the flag), so at least one of us sees the
		// other's write: either we see the delivery and do not park, or the publisher sees the flag and unparks us.
		this.sleeping = true;
		if (this.queue.isEmpty() && !this.owner.isStopping()) {
			// A stray interrupt would make park return at once and the idle worker spin; the lanes never use
			// interrupts to wake a running worker, so it carries no information here.
			Thread.interrupted();
			LockSupport.parkNanos(this, this.parkSafetyNetNanos);
		}
		SLEEPING.setRelease(this, false);
	}

	void setWorkerState(WorkerState state) {
		WORKER_STATE.setRelease(this, state.ordinal());
	}

	WorkerState workerState() {
		return WorkerState.ofOrdinal((int) WORKER_STATE.getAcquire(this));
	}

	long delivered() {
		return (long) DELIVERED.getAcquire(this);
	}

	long batches() {
		return (long) BATCHES.getAcquire(this);
	}

	LaneStatistics statistics() {
		return new LaneStatistics(this.index, this.capacity, this.queue.size(), workerState().name(), delivered(),
				batches());
	}

}
