package dev.lockfree.events.dispatch;

import java.util.function.Consumer;

import dev.lockfree.events.registry.RegistrySnapshot;

/**
 * The routes a registration change prepared for the snapshot it installs, attached to that snapshot
 * ({@link RegistrySnapshot#attachPrepared}) before the CAS: for each cached route valid for the snapshot before,
 * the route to serve in its place, which is the cached route itself when the change leaves its listeners as they
 * are, or its successor derived for the new snapshot ({@link RouteDeriver#prepare}).
 *
 * <p>Why the snapshot carries them and not the cached routes: a publisher on the slow path reads the current
 * snapshot anyway, and no publisher reads into it on the fast path, so attaching here writes nothing that
 * publishers still serving the old routes read; a link written into each cached route before the CAS would cost
 * every one of them a cache miss before the change is even installed (the link a route gets when it is superseded,
 * {@link Route#supersede(Route)}, is written with its state, after the CAS). Only publishers that go to the map and
 * find there a route of the previous snapshot after the CAS look here (the cache's front serves the previous routes
 * until the change supersedes them).
 *
 * <p>Immutable: its array is filled before the snapshot is installed and never written after (final-field
 * semantics publish it to any thread that reaches it).
 */
final class PreparedRoutes {

	/** Pairs: a cached route, then the route to serve in its place. */
	private final Route[] pairs;

	PreparedRoutes(Route[] pairs) {
		this.pairs = pairs;
	}

	/**
	 * The route prepared to serve in place of {@code cached} under {@code current}, if {@code current} was
	 * prepared for and that route is not retired; else {@code null}.
	 */
	static Route servedInPlaceOf(Route cached, RegistrySnapshot current) {
		Route prepared = inPlaceOf(cached, current);
		return (prepared != null && !prepared.isRetired()) ? prepared : null;
	}

	/**
	 * The successor derived for {@code current} in place of {@code cached}, or {@code null} when there is none
	 * (nothing prepared, or the change leaves {@code cached} as it is).
	 */
	static Route successorOf(Route cached, RegistrySnapshot current) {
		Route prepared = inPlaceOf(cached, current);
		return (prepared != cached) ? prepared : null;
	}

	/**
	 * Retire every prepared successor that nobody took on caching ({@link Route#claimInstall()}): the change
	 * hook calls this once it has carried the cached routes over. A successor is left unclaimed when the route it
	 * succeeds left the cache before the hook came to it (a later change replaced it); publishers may have been
	 * served it meanwhile, and retiring it folds what they counted, so that no count is lost.
	 */
	static void retireUnclaimed(RegistrySnapshot installed, Consumer<Route> retire) {
		if (installed.prepared() instanceof PreparedRoutes prepared) {
			Route[] pairs = prepared.pairs;
			for (int i = 0; i < pairs.length; i += 2) {
				Route successor = pairs[i + 1];
				if (successor != pairs[i] && successor.claimInstall()) {
					retire.accept(successor);
				}
			}
		}
	}

	private static Route inPlaceOf(Route cached, RegistrySnapshot current) {
		if (current.prepared() instanceof PreparedRoutes prepared) {
			Route[] pairs = prepared.pairs;
			for (int i = 0; i < pairs.length; i += 2) {
				if (pairs[i] == cached) {
					return pairs[i + 1];
				}
			}
		}
		return null;
	}

}
