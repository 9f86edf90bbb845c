package dev.lockfree.events.dispatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.jctools.maps.NonBlockingIdentityHashMap;

import org.springframework.core.ResolvableType;

import dev.lockfree.events.registry.ListenerRegistry;
import dev.lockfree.events.registry.RegistrySnapshot;


/**
 * Routes by routed class (the event class, or the payload class of a payload event), then by event type and
 * source type within a small immutable bucket, with a direct-mapped front that publishers read first.
 *
 * <p>Lock-free: the map is JCTools' {@link NonBlockingIdentityHashMap} (identity hashing of classes, no key
 * object is built per lookup), a bucket is an immutable array replaced whole. A lookup allocates nothing. The
 * map holds routes of any snapshot: a route from the map is served only while it is valid for the registry's
 * current snapshot ({@link Route#validFor()}), so a registration change never clears the cache: a stale route
 * is moved forward, derived or resolved again, and replaced.
 *
 * <h2>The front, and why it need not read the registry</h2>
 * {@link #front} serves a route that matches the key and is {@linkplain Route#isLive() live}, without reading
 * the registry's snapshot: under registration churn that snapshot field is a line the registering thread writes
 * at every change, and the first thing every publisher would miss on. What makes this correct is one invariant:
 * <blockquote>when the operation that installed snapshot S returns, every route not valid for S or a later
 * snapshot that is, was or will be in the front is superseded.</blockquote>
 * It holds because a route reaches the front only from the map, and:
 * <ul>
 * <li>the change hook ({@code EventDispatcher#registrationsChanged}) supersedes, after the CAS that installs S
 * and before the change returns, every route in the map it cannot move forward to S;</li>
 * <li>a route leaves the map ({@link #replace}, {@link #install}, {@link #clear}) only after it was superseded,
 * so a hook that no longer finds it there has nothing to do;</li>
 * <li>a route enters the front from {@link #install} or {@link #replace} only if, read after its map CAS, the
 * registry's snapshot is the one it is valid for (a change installed later finds it in the map), and from
 * {@link #lookup} only if it was valid and live when read there (a later change supersedes it in the map).</li>
 * </ul>
 * A thread that writes a stale route into a front slot late (all front writes are plain and racy) therefore
 * writes a superseded one, which is never served. And between a change's CAS and the end of its hook, the front
 * may serve the routes of the previous snapshot: the change has not returned, so such a dispatch is ordered
 * before it. What keeps two publishes in order within that window (one served the new listeners, a later one
 * must not be served the old): a route is superseded before its successor is put in the map or served by a
 * thread that found it stale ({@code EventDispatcher#carryOver}).
 *
 * <p>Superseding a route before its successor is even in the map leaves a gap, from the supersede to the slot
 * write, in which the front has nothing live for the key; under registration churn publishers would spend it on
 * the map. So a superseded route names its successor ({@link Route#supersede(Route)}) and the front serves that
 * one, after checking it against the registry's snapshot: the only registry read left near the fast path, once
 * per publish in the gap. (A successor is not in the map yet when it is named, so no change hook would
 * supersede it; the check against the snapshot is what makes it safe.)
 *
 * <p>{@link #install} and {@link #replace} make one attempt to swap a bucket (a CAS inside the map); when it
 * loses a race the new route is simply not cached, so no loop can spin here.
 */
final class RouteCache {

	private static final int MAX_BUCKET = 16;

	/** Slots of {@link #front}: a power of two. */
	private static final int FRONT_SLOTS = 64;

	private final ListenerRegistry registry;

	private final NonBlockingIdentityHashMap<Class<?>, Route[]> buckets = new NonBlockingIdentityHashMap<>();

	/**
	 * A direct-mapped front for the map: per slot (the routed class's identity hash), the route last found
	 * there. Plain array reads and writes: a route's fields are final (or volatile), so a thread that sees a
	 * route through this array sees it fully built (JLS 17.5), whichever thread stored it. An entry is served
	 * when its key matches and it is live (see the class description), else the map decides. A thread that
	 * installs or replaces a route puts it in front; a publisher writes a slot only when it found a valid route
	 * the front did not have. Steady publishing writes nothing here. Package-private so that tests can play a
	 * thread that writes a slot late.
	 */
	final Route[] front = new Route[FRONT_SLOTS];

	RouteCache(ListenerRegistry registry) {
		this.registry = registry;
	}

	/**
	 * The fast path: the front's route of this key if it is live, else {@code null} (then ask
	 * {@link #lookup}). Reads one slot and the route, never the registry.
	 */
	Route front(Class<?> routedClass, ResolvableType eventType, Class<?> sourceType) {
		Route hot = this.front[slotOf(routedClass)];
		if (hot != null && hot.routedClass == routedClass && hot.matches(eventType, sourceType)) {
			return hot.isLive() ? hot : successorOf(hot);
		}
		return null;
	}

	/**
	 * The successor named by a superseded front entry, if it is live and valid for the registry's current
	 * snapshot: between the moment a route is superseded and the moment its successor is in front (a map CAS
	 * and a slot write later), publishers are served the successor without going to the map. Only this path
	 * reads the registry.
	 */
	private Route successorOf(Route superseded) {
		Route successor = superseded.successor();
		// The key is checked again, though only a route of the same key is ever named: serving another key's
		// listeners would be a wrong dispatch, not a slow one.
		if (successor != null && successor.routedClass == superseded.routedClass
				&& successor.matches(superseded.eventType, superseded.sourceType) && successor.isLive()
				&& successor.validFor() == this.registry.current()) {
			return successor;
		}
		return null;
	}

	/**
	 * The cached route of this key valid for {@code current} and live, or {@code null} (then {@link #find} gives
	 * the cached route of any snapshot, to carry over or replace); the map's route, which then also fills the
	 * front. While a registration change is between its CAS and the caching of its routes, the route it prepared
	 * for {@code current} ({@link PreparedRoutes}) is served in place of the cached one, which is superseded
	 * first (see the class description).
	 */
	Route lookup(Class<?> routedClass, ResolvableType eventType, Class<?> sourceType, RegistrySnapshot current) {
		Route found = find(routedClass, eventType, sourceType);
		if (found == null) {
			return null;
		}
		if (found.validFor() != current) {
			Route prepared = PreparedRoutes.servedInPlaceOf(found, current);
			if (prepared != null && prepared != found) {
				found.supersede(prepared);
			}
			return prepared;
		}
		if (!found.isLive()) {
			// Valid but superseded (a replacement of it lost its race): the dispatcher renews it.
			return null;
		}
		int slot = slotOf(routedClass);
		if (this.front[slot] != found) {
			this.front[slot] = found;
		}
		return found;
	}

	static int slotOf(Class<?> routedClass) {
		return System.identityHashCode(routedClass) & (FRONT_SLOTS - 1);
	}

	/** The cached route of this key, valid or not, or {@code null}. */
	Route find(Class<?> routedClass, ResolvableType eventType, Class<?> sourceType) {
		Route[] bucket = this.buckets.get(routedClass);
		if (bucket != null) {
			for (Route route : bucket) {
				if (route.matches(eventType, sourceType)) {
					return route;
				}
			}
		}
		return null;
	}

	/**
	 * Try once to put {@code replacement} in the place of {@code expected} (same key). Either way
	 * {@code expected} is superseded when this returns, naming {@code replacement}: as late as can be, right
	 * before the map CAS, so that the front serves {@code expected} until a moment before it serves the
	 * replacement (publishers in between follow the name, see {@link #front}).
	 * @param ledger retires {@code expected} when it left the cache ({@link RouteLedger#retireReplaced}: the
	 * replacement may carry its publish counter on), or {@code replacement} when it could not be cached
	 * ({@code expected} was no longer there, or a concurrent change of the bucket won)
	 */
	void replace(Route expected, Route replacement, RouteLedger ledger) {
		Class<?> routedClass = expected.routedClass;
		Route[] bucket = this.buckets.get(routedClass);
		int index = -1;
		if (bucket != null) {
			for (int i = 0; i < bucket.length; i++) {
				if (bucket[i] == expected) {
					index = i;
				}
			}
		}
		if (index < 0) {
			// Either it was never cached, or whoever took it out superseded it already: supersede it anyway, since
			// the caller serves the replacement (a no-op in the second case).
			expected.supersede(replacement);
			ledger.retireUncached(replacement);
			return;
		}
		Route[] next = bucket.clone();
		next[index] = replacement;
		// Superseded before it leaves the map: a change hook that no longer finds it there relies on it.
		expected.supersede(replacement);
		if (this.buckets.replace(routedClass, bucket, next)) {
			// Whoever replaces a route also puts the new one in front, so that publishers need not write there.
			putInFront(replacement);
			ledger.retireReplaced(expected, replacement);
		}
		else {
			ledger.retireUncached(replacement);
		}
	}

	/**
	 * Try once to cache the route, replacing the entry of the same key.
	 * @param retired receives the route that left the cache, or the new route itself if it could not be cached
	 */
	void install(Class<?> routedClass, Route route, Consumer<Route> retired) {
		Route[] bucket = this.buckets.get(routedClass);
		Route replaced = null;
		Route[] next;
		if (bucket == null) {
			next = new Route[] { route };
			if (this.buckets.putIfAbsent(routedClass, next) != null) {
				retired.accept(route);
			}
			else {
				putInFront(route);
			}
			return;
		}
		int index = indexOf(bucket, route);
		if (index >= 0) {
			replaced = bucket[index];
			next = bucket.clone();
			next[index] = route;
		}
		else if (bucket.length < MAX_BUCKET) {
			next = Arrays.copyOf(bucket, bucket.length + 1);
			next[bucket.length] = route;
		}
		else {
			replaced = bucket[0];
			next = Arrays.copyOf(bucket, bucket.length);
			System.arraycopy(bucket, 1, next, 0, bucket.length - 1);
			next[bucket.length - 1] = route;
		}
		if (replaced != null) {
			// Superseded before it leaves the map (see replace); if the CAS fails it stays, superseded, and the
			// dispatcher renews it when it finds it valid. Only a route of the same key is named its successor: an
			// evicted one is of another key, which the front must never be served in its place.
			replaced.supersede((index >= 0) ? route : null);
		}
		if (this.buckets.replace(routedClass, bucket, next)) {
			putInFront(route);
			if (replaced != null) {
				retired.accept(replaced);
			}
		}
		else {
			retired.accept(route);
		}
	}

	/**
	 * Put a route just cached into the front, if, read after the map CAS that cached it, the registry's snapshot
	 * is still the one it is valid for: a change installed after this read finds the route in the map and
	 * supersedes it if need be; one installed before would not, so the route stays out of the front.
	 */
	private void putInFront(Route route) {
		if (route.validFor() == this.registry.current() && route.isLive()) {
			this.front[slotOf(route.routedClass)] = route;
		}
	}

	private static int indexOf(Route[] bucket, Route route) {
		for (int i = 0; i < bucket.length; i++) {
			if (bucket[i].matches(route.eventType, route.sourceType)) {
				return i;
			}
		}
		return -1;
	}

	/** Every cached route, for statistics. */
	List<Route> routes() {
		List<Route> routes = new ArrayList<>();
		for (Route[] bucket : this.buckets.values()) {
			routes.addAll(Arrays.asList(bucket));
		}
		return routes;
	}

	/**
	 * Drop every entry, handing each to {@code retired}. Each bucket is superseded before it leaves the map; the
	 * loop per key ends when no other thread swaps that bucket in between (each retry follows another thread's
	 * successful swap).
	 */
	void clear(Consumer<Route> retired) {
		for (Class<?> key : new ArrayList<>(this.buckets.keySet())) {
			Route[] bucket = this.buckets.get(key);
			while (bucket != null) {
				Arrays.stream(bucket).forEach(Route::supersede);
				if (this.buckets.remove(key, bucket)) {
					Arrays.stream(bucket).forEach(retired);
					break;
				}
				bucket = this.buckets.get(key);
			}
		}
		Arrays.fill(this.front, null);
	}

}
