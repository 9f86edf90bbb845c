package dev.lockfree.events.dispatch;

import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEvent;
import org.springframework.core.ResolvableType;

import dev.lockfree.events.registry.ListenerRegistry;
import dev.lockfree.events.registry.RegistrySnapshot;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route cache's front (a direct-mapped array before the map) is only a hint: it never serves a route the
 * map has replaced, and {@link RouteCache#lookup} serves no route that is not valid for the current snapshot.
 */
class RouteCacheTests {

	private final RouteCache cache = new RouteCache();

	private final RouteLedger ledger = new RouteLedger();

	@Test
	void aRouteReplacedInTheMapIsNotServedFromTheFrontEvenWhenStillValid() {
		RegistrySnapshot snapshot = new ListenerRegistry().current();
		Route first = route(snapshot);
		this.cache.install(Ping.class, first, this.ledger::retire);
		assertThat(this.cache.lookup(Ping.class, null, String.class, snapshot)).isSameAs(first);
		assertThat(this.cache.lookup(Ping.class, null, String.class, snapshot)).isSameAs(first);
		// Two resolutions for the same snapshot raced: the second replaces the first, which is retired.
		Route second = route(snapshot);
		this.cache.install(Ping.class, second, this.ledger::retire);
		assertThat(first.isRetired()).isTrue();
		assertThat(this.cache.lookup(Ping.class, null, String.class, snapshot)).isSameAs(second);
	}

	@Test
	void aFrontEntryOfAnotherSnapshotDefersToTheMap() {
		ListenerRegistry registry = new ListenerRegistry();
		RegistrySnapshot before = registry.current();
		Route old = route(before);
		this.cache.install(Ping.class, old, this.ledger::retire);
		assertThat(this.cache.lookup(Ping.class, null, String.class, before)).isSameAs(old);
		registry.addBeanName("someListener");
		RegistrySnapshot after = registry.current();
		// Neither the front nor the map has a route valid for the new snapshot; find still gives the old one.
		assertThat(this.cache.lookup(Ping.class, null, String.class, after)).isNull();
		assertThat(this.cache.find(Ping.class, null, String.class)).isSameAs(old);
		Route fresh = route(after);
		this.cache.replace(old, fresh, this.ledger::retire);
		assertThat(this.cache.lookup(Ping.class, null, String.class, after)).isSameAs(fresh);
		assertThat(this.cache.lookup(Ping.class, null, String.class, after)).isSameAs(fresh);
	}

	private static Route route(RegistrySnapshot snapshot) {
		return new Route(Ping.class, null, ResolvableType.forClass(Ping.class), String.class, snapshot,
				Ping.class.getName(), true, true, new RouteListener[0], 1, false, null, 0L);
	}

	static class Ping extends ApplicationEvent {

		Ping(String source) {
			super(source);
		}

	}

}
