/**
 * Lanes: bounded lock-free rings that move opaque deliveries from many publisher threads to one worker thread per
 * lane. Knows nothing about Spring events; the multicaster builds one delivery per (event, lane) and calls
 * {@link dev.lockfree.events.ring.Lanes#offer(int, Object)}.
 *
 * <h2>Memory-ordering vocabulary</h2>
 * One vocabulary, the {@link java.lang.invoke.VarHandle} access modes, used everywhere in this package:
 * <ul>
 * <li><b>plain</b>: an ordinary field access; no ordering, only for data confined to one thread or published by
 * something stronger (e.g. {@code Lane.worker}, written before {@code Thread.start()} and before the volatile
 * store of RUNNING).</li>
 * <li><b>release / acquire</b> ({@code setRelease}/{@code getAcquire}): a release store is not reordered with
 * the loads and stores before it; an acquire load not with those after it. Enough for single-writer counters
 * read by statistics ({@code delivered}, {@code batches}, {@code workerState}), and it costs a plain move on
 * x86. Not enough where a store must be ordered before a later load (Dekker).</li>
 * <li><b>volatile</b>: sequentially consistent; a volatile store followed by a volatile load in one thread is
 * never reordered (a StoreLoad fence on x86). Used for the two handshakes below: {@code Lane.sleeping},
 * {@code Lane.claim} (release), {@code Lanes.state}, {@code Lanes.abandoning}; JCTools' ring indexes are read
 * with volatile loads ({@code isEmpty()}).</li>
 * <li><b>CAS</b> ({@code compareAndSet}): volatile semantics, atomic. The producer-index CAS of
 * {@code MpscArrayQueue.offer}, {@code claim} 0 to 1, {@code sleeping} true to false, state changes.</li>
 * </ul>
 * {@code NOTE:} comments in the code mark each spot where the order of two accesses matters.
 *
 * <h2>Padding</h2>
 * {@code Lane} is built from a class hierarchy (JCTools style) whose levels are separated by 128 bytes of
 * {@code byte} fields, so that three groups of fields never share a cache line (128 bytes also defeats the
 * adjacent-line prefetcher): the read-only references (loaded by every publisher on every offer), the
 * {@code sleeping} flag (loaded by every publisher on every offer, stored by the worker when it goes idle), and
 * the consumer's fields ({@code claim}, {@code workerState}, {@code delivered}, {@code batches}, stored by the
 * consumer on every batch). Without it the worker's counter stores would invalidate the line every publisher
 * reads on every offer. Byte padding leaves no alignment hole a subclass field could be placed in.
 * {@code LanePaddingTests} checks the offsets. The rings pad their own indexes.
 *
 * <h2>Wake-up protocol (PARK and BLOCK)</h2>
 * Worker: (W1) volatile store {@code sleeping = true}; (W2) volatile loads of the ring indexes
 * ({@code isEmpty()}) and of the state; only if the ring is empty and the lanes are not stopping, (W3)
 * {@code LockSupport.parkNanos}. Publisher: (P1) producer-index CAS of a successful offer; (P2) volatile load
 * of {@code sleeping}; if true, CAS it to false and {@code unpark} the worker.
 * <p>No wake-up is lost: W1 before W2 and P1 before P2 are ordered (volatile/CAS), so in the single total order of
 * these accesses either P1 comes before W2, and the worker sees the delivery and does not park, or W1 comes
 * before P2, and the publisher sees {@code sleeping} and unparks the worker. An {@code unpark} that arrives before
 * {@code park} leaves a permit, so park returns at once. The CAS makes one publisher pay for the unpark, not all.
 * The worker treats every return from park alike (woken, spurious, permit left over, timed out): it clears
 * {@code sleeping} and goes back to its loop, which drains and re-checks before parking again. Stop uses the
 * same handshake with the state: shutdown stores the state (CAS) and then unparks every worker unconditionally.
 * The park is timed (100 ms) only as a safety net against a bug outside this protocol; it is not needed for
 * correctness and costs an idle lane ten wake-ups a second, i.e. ~0 CPU.
 *
 * <h2>Stop protocol: every ENQUEUED delivery is delivered exactly once or counted as abandoned</h2>
 * Exactly once: a delivery is taken from the ring by {@code MpscArrayQueue.drain}, which only one thread may call
 * at a time. That thread is whoever holds the lane's <b>consumer claim</b>. The worker owns it from the lane's
 * construction until it sees the lanes stopping, then releases it; from then on anyone (worker, publisher,
 * shutdown) must CAS it from 0 to 1 to consume, and releases it with a volatile store. The CAS/release pairs
 * also publish the ring's consumer index from one holder to the next. Each taken delivery is either handed to
 * the handler or, after a timed-out shutdown set {@code abandoning}, counted in {@code abandoned()}; never both.
 * <p>At least once: a publisher (P1) enqueues with the producer-index CAS, then (P2) loads the state.
 * Shutdown (S1) CASes RUNNING to STOPPING, then unparks the workers; a worker loads the state between batches and
 * while idle. If P2 reads RUNNING, P1 precedes S1 in the total order, so the worker, which only starts its final
 * drain after reading STOPPING, sees P1 through {@code isEmpty()}'s volatile index loads and drains the delivery;
 * a worker's final drain ends only when the ring is empty. If P2 reads a stopping state, the publisher helps:
 * while the ring is not empty, it tries to CAS the claim; on success it drains on its own thread and releases.
 * If the CAS fails, someone else holds the claim; the publisher's enqueue (CAS) precedes its failed claim CAS
 * (which read 1) in the total order, which precedes the holder's volatile release, which precedes the holder's
 * next {@code isEmpty()}: a releaser always re-checks emptiness after releasing and re-claims if needed, so the
 * holder (or whoever beats it to the claim, recursively) sees and drains the delivery.
 * <p>Publishing into a stopped lane first loads the state and returns RUN_ON_CALLER without enqueuing, so after
 * the stop only the publishers already past that load can enqueue: finitely many deliveries. This is why the
 * drain loops terminate.
 * <p>On timeout shutdown sets {@code abandoning} (volatile) and from then on consumers count instead of
 * delivering: shutdown discards every ring whose claim is free, interrupts the workers, gives them 100 ms to
 * discard what they hold, and adds what is still left behind a handler that does not return. A delivery is
 * counted by the one thread that takes it from the ring, so nothing is counted twice.
 *
 * <h2>Why each retry loop terminates</h2>
 * <ul>
 * <li>Start: one CAS NEW to STARTING elects the starter; others yield until it stores RUNNING (or STOPPING if a
 * thread cannot be started), which it does after a bounded number of {@code Thread.start()} calls.</li>
 * <li>Stop: one CAS per state change; every state is final or followed by a bounded one.</li>
 * <li>Wake-up CAS: a single attempt; losing it means another publisher does the unpark.</li>
 * <li>Helping and final drains: see above; a zero-sized batch on a non-empty ring means a publisher is between
 * its index CAS and its element store, one store away, so the consumer spins on it.</li>
 * <li>BLOCK overflow: retries until the worker frees a slot; it re-reads the state every round, with back-off
 * capped at 1 ms, so a stop (or an interrupt) ends it within about a millisecond.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Workers are daemon threads named {@code threadNamePrefix + index}, created without inheriting thread-locals,
 * with the context class loader of the thread that created the {@code Lanes}. After {@code shutdown} no worker
 * is alive unless a handler ignores interruption forever; being daemons, such threads cannot keep the JVM alive.
 */
package dev.lockfree.events.ring;
