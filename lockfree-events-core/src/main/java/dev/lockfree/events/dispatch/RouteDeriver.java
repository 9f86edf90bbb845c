package dev.lockfree.events.dispatch;

import java.util.concurrent.ThreadLocalRandom;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.context.ApplicationListener;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

import dev.lockfree.events.registry.BeanNameRegistration;
import dev.lockfree.events.registry.InstanceRegistration;
import dev.lockfree.events.registry.RegistrySnapshot;
import dev.lockfree.events.stats.StripedCounter;

/**
 * Carries a route across one registration change without resolving it again: when the registry's snapshot
 * differs from the route's by one listener instance added or removed
 * ({@link RegistrySnapshot#addedInstance()}, {@link RegistrySnapshot#removedInstance()}), the new snapshot's
 * route is the old one, moved forward, or the old one with that listener inserted or taken out.
 *
 * <p>The result is exactly what {@link RouteResolver} would produce for the new snapshot, or there is no result
 * and the caller resolves. The cases that need the full rules are left to the resolver:
 * <ul>
 * <li>a removed registration that is the alternate of a listener (instance and bean of one object, or a target
 * swapped for its proxy): the listener stays, through its other registration;</li>
 * <li>an added instance equal to a listener of the route, or to the singleton target of one (it would replace
 * the bean's entry or be swapped for the proxy);</li>
 * <li>routes with listeners fetched per event, or resolved with a listener bean ruled out by its bean definition
 * (it would drop an equal instance): {@link Route#derivable} is false;</li>
 * <li>any change of listener bean names, of several registrations at once, or a route more than one snapshot
 * behind.</li>
 * </ul>
 * An added listener goes where the resolver's stable sort puts it: it is the newest instance, so after every
 * listener ordered before it or equally and registered as an instance, and before listeners from beans of equal
 * order (the resolver lists instances before beans, then sorts stably).
 *
 * <p>Derivation reads immutable route and snapshot data, asks the added listener whether it takes the route's
 * event type, and creates no listener bean; it may run on a registering thread or a publishing one. A derived
 * route starts its timing sample phase at random ({@link Route#samplePhase}), so that a route replaced after
 * every few dispatches by registration churn still times one dispatch in the interval on average, instead of
 * the first dispatch of every replacement. (Carrying the phase on from the replaced route's publish count would
 * be exact, but reading that count pulls the publishers' counter stripes away from their cores right while
 * they increment them: in one A/B run of {@code RegistrationChurnBenchmark}, 3 forks each, publishers under churn
 * kept 0.47 of their uncontended rate with that read and 0.69 without it.)
 */
final class RouteDeriver {

	/** Makes the route entry of a listener instance (policy, lane, metrics), as a resolution would. */
	@FunctionalInterface
	interface ListenerFactory {

		RouteListener create(ApplicationListener<?> listener, InstanceRegistration registration, Class<?> routedClass);

	}

	private RouteDeriver() {
	}

	/**
	 * The route of {@code route}'s key for {@code next}.
	 * @return {@code route} itself (now valid for {@code next}), a new route valid for {@code next} that is not
	 * cached yet, or {@code null} when only a full resolution can tell
	 */
	static Route derive(Route route, RegistrySnapshot next, ListenerFactory factory, int laneCount) {
		RegistrySnapshot from = route.validFor();
		if (from == next) {
			return route;
		}
		if (!route.derivable || from.version() + 1 != next.version()) {
			return null;
		}
		Route derived = successor(route, next, factory, laneCount);
		return (derived == route) ? moveForward(route, from, next) : derived;
	}

	/**
	 * What {@link #derive} will make of {@code route} for {@code next}, a snapshot built from the one the route is
	 * valid for and not installed yet, with no effect on the route: {@code route} itself when the change leaves
	 * its listeners as they are (it is not moved forward), a new route valid for {@code next}, or {@code null}
	 * when only a full resolution can tell.
	 */
	static Route prepare(Route route, RegistrySnapshot next, ListenerFactory factory, int laneCount) {
		if (!route.derivable || route.validFor().version() + 1 != next.version()) {
			return null;
		}
		return successor(route, next, factory, laneCount);
	}

	private static Route successor(Route route, RegistrySnapshot next, ListenerFactory factory, int laneCount) {
		InstanceRegistration removed = next.removedInstance();
		if (removed != null) {
			return withoutRegistration(route, next, removed, laneCount);
		}
		InstanceRegistration added = next.addedInstance();
		if (added != null) {
			return withInstance(route, next, added, factory, laneCount);
		}
		return null;
	}

	private static Route withoutRegistration(Route route, RegistrySnapshot next, InstanceRegistration removed,
			int laneCount) {
		RouteListener[] ordered = route.ordered;
		int index = -1;
		for (int i = 0; i < ordered.length; i++) {
			RouteListener listener = ordered[i];
			if (listener.alternate == removed || (listener.registration == removed && listener.alternate != null)) {
				return null;
			}
			if (listener.registration == removed) {
				index = i;
			}
		}
		if (index < 0) {
			return route;
		}
		RouteListeners before = route.beforeAdd;
		if (before != null && before.areWithout(ordered, index)) {
			// The listener added last is removed again: the route goes back to the listeners it had before.
			return rebuild(route, next, before, null, laneCount);
		}
		RouteListener[] left = new RouteListener[ordered.length - 1];
		System.arraycopy(ordered, 0, left, 0, index);
		System.arraycopy(ordered, index + 1, left, index, ordered.length - index - 1);
		return rebuild(route, next, new RouteListeners(left), null, laneCount);
	}

	private static Route withInstance(Route route, RegistrySnapshot next, InstanceRegistration added,
			ListenerFactory factory, int laneCount) {
		ApplicationListener<?> listener = added.listener();
		if (!ListenerMatcher.supports(listener, route.resolvedType, route.sourceType)) {
			return route;
		}
		RouteListener[] ordered = route.ordered;
		boolean priorityOrdered = listener instanceof PriorityOrdered;
		int order = AnnotationAwareOrderComparator.INSTANCE.getOrder(listener, null);
		int at = ordered.length;
		for (int i = 0; i < ordered.length; i++) {
			RouteListener present = ordered[i];
			Object target = AopProxyUtils.getSingletonTarget(present.listener);
			if (present.listener.equals(listener) || (target != null && listener.equals(target))) {
				return null;
			}
			if (at == ordered.length) {
				int comparison = compare(priorityOrdered, order, present);
				if (comparison < 0 || (comparison == 0 && present.registration instanceof BeanNameRegistration)) {
					at = i;
				}
			}
		}
		RouteListener[] grown = new RouteListener[ordered.length + 1];
		System.arraycopy(ordered, 0, grown, 0, at);
		grown[at] = factory.create(listener, added, route.routedClass);
		System.arraycopy(ordered, at, grown, at + 1, ordered.length - at);
		return rebuild(route, next, new RouteListeners(grown), route.listeners, laneCount);
	}

	/**
	 * The resolver's comparison ({@link AnnotationAwareOrderComparator}) of a new listener with one in the route:
	 * {@link PriorityOrdered} first, then by order value, using the order the route entry was made with.
	 */
	private static int compare(boolean priorityOrdered, int order, RouteListener present) {
		if (priorityOrdered != present.priorityOrdered) {
			return priorityOrdered ? -1 : 1;
		}
		return Integer.compare(order, present.order);
	}

	/**
	 * A new route with the listeners of {@code route}, valid for the same snapshot: the place of a route that is
	 * valid but was superseded (the front serves only live routes); {@code null} if it cannot be derived from.
	 */
	static Route renew(Route route, int laneCount) {
		return route.derivable ? rebuild(route, route.validFor(), route.listeners, route.beforeAdd, laneCount) : null;
	}

	private static Route moveForward(Route route, RegistrySnapshot from, RegistrySnapshot next) {
		// Either this CAS moves it, or another thread already did (the same derivation), or the route moved on
		// past next (it is not valid for next any more: resolve).
		return (route.moveForward(from, next) || route.validFor() == next) ? route : null;
	}

	private static Route rebuild(Route route, RegistrySnapshot next, RouteListeners listeners,
			RouteListeners beforeAdd, int laneCount) {
		// The counter the route took over from its predecessor, if it counts for these listeners: a listener added
		// and removed again (or the reverse) brings back the counter of two routes ago (see Route#previousPublishes).
		StripedCounter previous = route.previousPublishes;
		boolean takeOver = previous != null && !previous.isSealed() && route.previousListeners.countsLike(listeners);
		StripedCounter publishes = takeOver ? previous : null;
		return new Route(route.routedClass, route.eventType, route.resolvedType, route.sourceType, next,
				route.typeName, true, true, listeners, beforeAdd, publishes, route, laneCount, route.keyed, null,
				ThreadLocalRandom.current().nextInt());
	}

}
