package dev.lockfree.events.dispatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.jctools.maps.NonBlockingIdentityHashMap;

import org.springframework.core.ResolvableType;

import dev.lockfree.events.registry.RegistrySnapshot;


/**
 * Routes by routed class (the event class, or the payload class of a payload event), then by event type and
 * source type within a small immutable bucket.
 *
 * <p>Lock-free: the map is JCTools' {@link NonBlockingIdentityHashMap} (identity hashing of classes, no key
 * object is built per lookup), a bucket is an immutable array replaced whole. A lookup allocates nothing. The
 * cache holds routes of any snapshot: the dispatcher serves a route only while it is valid for the registry's
 * current snapshot ({@link Route#validFor()}), so a registration change never clears the cache and a stale
 * route is never served: it is moved forward, derived or resolved again, and replaced.
 *
 * <p>{@link #install} and {@link #replace} make one attempt to swap a bucket (a CAS inside the map); when it
 * loses a race the new route is simply not cached, so no loop can spin here.
 */
final class RouteCache {

	private static final int MAX_BUCKET = 16;

	/** Slots of {@link #front}: a power of two. */
	private static final int FRONT_SLOTS = 64;

	private final NonBlockingIdentityHashMap<Class<?>, Route[]> buckets = new NonBlockingIdentityHashMap<>();

	/**
	 * A direct-mapped front for the map: per slot (the routed class's identity hash), the route last found
	 * there. Plain array reads and writes: a route's fields are final (or volatile), so a thread that sees a
	 * route through this array sees it fully built (JLS 17.5), whichever thread stored it. An entry is only a
	 * hint: it is served when its key matches and it is still valid for the current snapshot and not retired,
	 * else the map decides. A thread that installs or replaces a route puts it in front; a publisher writes a
	 * slot only when it found a valid route the front did not have. Steady publishing writes nothing here.
	 */
	private final Route[] front = new Route[FRONT_SLOTS];

	/**
	 * The cached route of this key valid for {@code current}, or {@code null} (then {@link #find} gives the
	 * cached route of any snapshot, to carry over or replace): from the front when it has it, else from the
	 * map, which then also fills the front. While a registration change is between its CAS and the caching of
	 * its routes, the route it prepared for {@code current} ({@link PreparedRoutes}) is served in place of the
	 * cached one, found through the front or the map.
	 */
	Route lookup(Class<?> routedClass, ResolvableType eventType, Class<?> sourceType, RegistrySnapshot current) {
		int slot = slotOf(routedClass);
		Route hot = this.front[slot];
		if (hot != null && hot.routedClass == routedClass && hot.matches(eventType, sourceType)) {
			if (hot.validFor() == current) {
				if (!hot.isRetired()) {
					return hot;
				}
			}
			else {
				Route prepared = PreparedRoutes.servedInPlaceOf(hot, current);
				if (prepared != null) {
					return prepared;
				}
			}
		}
		Route found = find(routedClass, eventType, sourceType);
		if (found == null) {
			return null;
		}
		if (found.validFor() != current) {
			return PreparedRoutes.servedInPlaceOf(found, current);
		}
		if (found != hot) {
			this.front[slot] = found;
		}
		return found;
	}

	private static int slotOf(Class<?> routedClass) {
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
	 * Try once to put {@code replacement} in the place of {@code expected} (same key).
	 * @param retired receives {@code expected} when it left the cache, or {@code replacement} when it could not
	 * be cached ({@code expected} was no longer there, or a concurrent change of the bucket won)
	 */
	void replace(Route expected, Route replacement, Consumer<Route> retired) {
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
			retired.accept(replacement);
			return;
		}
		Route[] next = bucket.clone();
		next[index] = replacement;
		if (this.buckets.replace(routedClass, bucket, next)) {
			// Whoever replaces a route also puts the new one in front, so that publishers need not write there.
			this.front[slotOf(routedClass)] = replacement;
			retired.accept(expected);
		}
		else {
			retired.accept(replacement);
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
				this.front[slotOf(routedClass)] = route;
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
		if (this.buckets.replace(routedClass, bucket, next)) {
			this.front[slotOf(routedClass)] = route;
			if (replaced != null) {
				retired.accept(replaced);
			}
		}
		else {
			retired.accept(route);
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

	/** Drop every entry, handing each to {@code retired}. */
	void clear(Consumer<Route> retired) {
		Arrays.fill(this.front, null);
		for (Class<?> key : new ArrayList<>(this.buckets.keySet())) {
			Route[] bucket = this.buckets.remove(key);
			if (bucket != null) {
				Arrays.stream(bucket).forEach(retired);
			}
		}
	}

}
