package dev.lockfree.events.dispatch;

import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.ResolvableType;

import dev.lockfree.events.registry.ListenerRegistry;
import dev.lockfree.events.registry.RegistrySnapshot;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route cache: its front serves live routes without reading the registry, so what these tests pin down is
 * the invariant that makes that correct (see {@link RouteCache}): no route that the registry moved past can be
 * served from the front once the change returned, even when a slow thread writes it into a slot afterwards;
 * and {@link RouteCache#lookup} serves no route that is not valid for the snapshot it is given.
 */
class RouteCacheTests {

	private final ListenerRegistry registry = new ListenerRegistry();

	private final RouteCache cache = new RouteCache(this.registry);

	private final RouteLedger ledger = new RouteLedger();

	@Test
	void aRouteReplacedInTheMapIsNeitherServedFromTheFrontNorByLookup() {
		RegistrySnapshot snapshot = this.registry.current();
		Route first = route(snapshot);
		this.cache.install(Ping.class, first, this.ledger::retire);
		assertThat(front()).isSameAs(first);
		assertThat(this.cache.lookup(Ping.class, null, String.class, snapshot)).isSameAs(first);
		// Two resolutions for the same snapshot raced: the second replaces the first, which is retired.
		Route second = route(snapshot);
		this.cache.install(Ping.class, second, this.ledger::retire);
		assertThat(first.isRetired()).isTrue();
		assertThat(front()).isSameAs(second);
		assertThat(this.cache.lookup(Ping.class, null, String.class, snapshot)).isSameAs(second);
		// A thread that found the first one earlier writes it into the front late: it is not served; the route
		// named as its successor is, while it is live and valid for the current snapshot.
		writeFrontLate(first);
		assertThat(front()).isSameAs(second);
		this.registry.addBeanName("someListener");
		assertThat(front()).isNull();
	}

	@Test
	void aRouteCachedAfterTheRegistryMovedPastItsSnapshotStaysOutOfTheFront() {
		RegistrySnapshot before = this.registry.current();
		Route late = route(before);
		// A resolution for the old snapshot finishes after a change was installed: the map takes it (a change
		// hook that runs later sees it there), the front does not, since nothing would supersede it.
		this.registry.addBeanName("someListener");
		this.cache.install(Ping.class, late, this.ledger::retire);
		assertThat(this.cache.find(Ping.class, null, String.class)).isSameAs(late);
		assertThat(front()).isNull();
		assertThat(this.cache.front[RouteCache.slotOf(Ping.class)]).isNull();
	}

	@Test
	void aStaleRouteIsSupersededBeforeItsPreparedSuccessorIsServed() {
		RegistrySnapshot before = this.registry.current();
		Route old = route(before);
		this.cache.install(Ping.class, old, this.ledger::retire);
		Route[] successor = new Route[1];
		// The change prepares a successor and nobody carries it over yet (no change hook): the state between the
		// registry's CAS and the end of the change hook.
		this.registry.setPrepareHook((current, next) -> {
			successor[0] = route(next);
			next.attachPrepared(new PreparedRoutes(new Route[] { old, successor[0] }));
		});
		this.registry.addListener(new PingListener());
		RegistrySnapshot after = this.registry.current();
		// The front still serves the old route: no publish has been served the new listeners yet.
		assertThat(front()).isSameAs(old);
		// One that looks the key up in the map is served the successor; a publish after it must then not be
		// served the old route from the front.
		assertThat(this.cache.lookup(Ping.class, null, String.class, after)).isSameAs(successor[0]);
		assertThat(old.isLive()).isFalse();
		assertThat(front()).isSameAs(successor[0]);
		// The successor is served through the superseded route only while it is live.
		successor[0].supersede();
		assertThat(front()).isNull();
	}

	@Test
	void aValidButSupersededRouteIsNotServedSoThatTheDispatcherRenewsIt() {
		RegistrySnapshot snapshot = this.registry.current();
		Route route = route(snapshot);
		this.cache.install(Ping.class, route, this.ledger::retire);
		route.supersede();
		assertThat(front()).isNull();
		assertThat(this.cache.lookup(Ping.class, null, String.class, snapshot)).isNull();
		assertThat(this.cache.find(Ping.class, null, String.class)).isSameAs(route);
		Route renewed = RouteDeriver.renew(route, 1);
		this.cache.replace(route, renewed, this.ledger);
		assertThat(route.isRetired()).isTrue();
		assertThat(front()).isSameAs(renewed);
	}

	@Test
	void aRouteEvictedFromAFullBucketNamesNoSuccessorOfAnotherKey() {
		RegistrySnapshot snapshot = this.registry.current();
		Class<?>[] sources = { String.class, Integer.class, Long.class, Short.class, Byte.class, Double.class,
				Float.class, Character.class, Boolean.class, Object.class, Number.class, StringBuilder.class,
				Thread.class, Runnable.class, java.util.List.class, java.util.Map.class, java.util.Set.class };
		Route[] routes = new Route[sources.length];
		for (int i = 0; i < sources.length; i++) {
			routes[i] = route(snapshot, sources[i]);
			this.cache.install(Ping.class, routes[i], this.ledger::retire);
		}
		// The bucket holds 16 routes: the 17th evicted the first, a route of another source type.
		Route evicted = routes[0];
		assertThat(evicted.isRetired()).isTrue();
		assertThat(this.cache.find(Ping.class, null, String.class)).isNull();
		writeFrontLate(evicted);
		assertThat(this.cache.front(Ping.class, null, String.class)).isNull();
		assertThat(this.cache.front(Ping.class, null, java.util.Set.class)).isNull();
	}

	@Test
	void aReplacedRouteIsSupersededEvenWhenTheReplacementLosesItsRace() {
		RegistrySnapshot snapshot = this.registry.current();
		Route stale = route(snapshot);
		Route winner = route(snapshot);
		Route loser = route(snapshot);
		this.cache.install(Ping.class, stale, this.ledger::retire);
		this.cache.replace(stale, winner, this.ledger);
		// A second thread derived its own successor of the same route: it is not cached (retired), and the
		// route it meant to replace is superseded whatever happened, since the caller serves its successor.
		this.cache.replace(stale, loser, this.ledger);
		assertThat(loser.isRetired()).isTrue();
		assertThat(stale.isLive()).isFalse();
		assertThat(front()).isSameAs(winner);
		// The same for a route that is not in the map at all (nobody superseded it before).
		Route orphan = route(snapshot);
		this.cache.replace(orphan, route(snapshot), this.ledger);
		assertThat(orphan.isLive()).isFalse();
	}

	@Test
	void clearingSupersedesEveryRouteBeforeDroppingIt() {
		Route route = route(this.registry.current());
		this.cache.install(Ping.class, route, this.ledger::retire);
		this.cache.clear(this.ledger::retire);
		assertThat(route.isRetired()).isTrue();
		writeFrontLate(route);
		assertThat(front()).isNull();
		assertThat(this.cache.find(Ping.class, null, String.class)).isNull();
	}

	private Route front() {
		return this.cache.front(Ping.class, null, String.class);
	}

	private void writeFrontLate(Route route) {
		this.cache.front[RouteCache.slotOf(route.routedClass)] = route;
	}

	private static Route route(RegistrySnapshot snapshot) {
		return route(snapshot, String.class);
	}

	private static Route route(RegistrySnapshot snapshot, Class<?> sourceType) {
		return new Route(Ping.class, null, ResolvableType.forClass(Ping.class), sourceType, snapshot,
				Ping.class.getName(), true, true, new RouteListener[0], 1, false, null, 0);
	}

	static class Ping extends ApplicationEvent {

		Ping(String source) {
			super(source);
		}

	}

	static class PingListener implements ApplicationListener<Ping> {

		@Override
		public void onApplicationEvent(Ping event) {
		}

	}

}
