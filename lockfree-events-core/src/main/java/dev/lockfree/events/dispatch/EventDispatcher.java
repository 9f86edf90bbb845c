package dev.lockfree.events.dispatch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.core.ResolvableType;
import org.springframework.core.ResolvableTypeProvider;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.util.ClassUtils;
import org.springframework.util.ErrorHandler;

import dev.lockfree.events.KeyedEvent;
import dev.lockfree.events.LockFreeEventOptions;
import dev.lockfree.events.RejectedEventException;
import dev.lockfree.events.registry.InstanceRegistration;
import dev.lockfree.events.registry.ListenerRegistry;
import dev.lockfree.events.registry.RegistrySnapshot;
import dev.lockfree.events.ring.Lanes;
import dev.lockfree.events.ring.OfferOutcome;
import dev.lockfree.events.stats.ListenerMetrics;
import dev.lockfree.events.stats.ListenerMetricsRegistry;
import dev.lockfree.events.stats.SampledTimer;
import dev.lockfree.events.stats.StripedCounter;

/**
 * Routes one event to its listeners: route lookup, synchronous invocation on the caller, hand-off of the
 * asynchronous listeners to their lanes, and the lanes' side of the invocation.
 *
 * <h2>Fast path</h2>
 * A cached route whose listeners are singletons: one slot of a direct-mapped front and one volatile read of the
 * route's state (live: see {@link RouteCache} for why the registry's snapshot need not be read), one striped
 * increment of the route's counter (which also picks the one dispatch in {@code timing.sample-interval},
 * default 1024, that is timed), then the calls. Lane workers also read each listener's registration state
 * before calling it. Nothing is allocated for a synchronous dispatch; an async dispatch allocates one
 * {@link Delivery} per lane it reaches. The meter registry is never called: counts live in routes and listener
 * metrics and are read through {@link DispatchStatistics}.
 *
 * <h2>Registration changes</h2>
 * A change of one listener instance does not send publishers back to a full resolution. Before the registry
 * installs it, the registering thread prepares every cached route for the new snapshot
 * ({@link #registrationsPreparing}, {@link RouteDeriver#prepare}) and attaches the result to that snapshot
 * ({@link PreparedRoutes}); right after, it carries every cached route over
 * ({@link #registrationsChanged(RegistrySnapshot)}): it caches the prepared routes or moves routes forward, and
 * supersedes every route it moved past before the change returns. Until then the front keeps serving the previous
 * routes (the change has not returned, so such a dispatch is ordered before it); a route, once superseded, names
 * its successor, which publishers are served until it is in front. A publisher that goes to the map meanwhile is
 * served the prepared route, or, if nothing was prepared, the previous one while it is live until the change is
 * done ({@link RegistrySnapshot#isSettled()}); a superseded one (by the catch-up hook of an add or remove that
 * found its work done by this change) is carried over or resolved instead. After, a publisher that still finds a
 * route one change behind derives it the same way. Only other changes (bean names, several listeners at once,
 * listeners fetched per event) resolve again.
 *
 * <h2>Threads</h2>
 * All fields read on the dispatch path are volatile or final. {@code lanes} goes from {@code null} to a
 * {@link Lanes} by CAS once per options value; options change only before the lanes start.
 */
public final class EventDispatcher {

	private static final Log logger = LogFactory.getLog(EventDispatcher.class);

	private static final VarHandle LANES;

	static {
		try {
			LANES = MethodHandles.lookup().findVarHandle(EventDispatcher.class, "lanes", Lanes.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final ListenerRegistry registry;

	private final RouteCache cache;

	private final RouteLedger ledger = new RouteLedger();

	private final ListenerMetricsRegistry listenerMetrics = new ListenerMetricsRegistry();

	private final ErrorCounts errors = new ErrorCounts();

	private final SampledTimer ringWait = new SampledTimer();

	private final SampledTimer execution = new SampledTimer();

	private final DispatchStatistics statistics;

	private volatile LockFreeEventOptions options;

	private volatile AsyncRoutingPolicy policy;

	private volatile ContextPropagator propagator = ContextPropagator.NONE;

	private volatile Lanes<Delivery> lanes;

	private volatile ConfigurableBeanFactory beanFactory;

	private volatile ClassLoader beanClassLoader;

	private volatile ErrorHandler errorHandler;

	/**
	 * One dispatch in {@code sampleMask + 1} ({@link LockFreeEventOptions#timingSampleInterval()}) is timed.
	 * Cached routes decide it from their striped publish counter (no random number on the hot path); the slow
	 * paths ask {@link ThreadLocalRandom}.
	 *
	 * <p>A plain field, read once per dispatch without ordering: it only decides which dispatches are timed, so
	 * a publisher that reads the previous mask right after {@link #setOptions} times a different dispatch and
	 * nothing else; an {@code int} cannot be read torn.
	 */
	private int sampleMask;

	public EventDispatcher(ListenerRegistry registry, LockFreeEventOptions options) {
		this.registry = registry;
		this.cache = new RouteCache(registry);
		this.statistics = new DispatchStatistics(this);
		registry.setPrepareHook(this::registrationsPreparing);
		registry.setChangeHook(this::registrationsChanged);
		registry.setCatchUpHook(this::registrationsCaughtUp);
		applyOptions(options);
	}

	// ---- configuration

	/**
	 * Replace the options. Allowed until async lanes have been created; routes are recomputed with the new
	 * rules.
	 * @throws IllegalStateException once the lanes exist
	 */
	public void setOptions(LockFreeEventOptions options) {
		if (this.lanes != null) {
			throw new IllegalStateException("Options cannot change once the async lanes have started; "
					+ "set them before the first event is published");
		}
		applyOptions(options);
		this.cache.clear(this.ledger::retire);
	}

	private void applyOptions(LockFreeEventOptions options) {
		this.options = options;
		this.sampleMask = options.timingSampleInterval() - 1;
		this.policy = new AsyncRoutingPolicy(options, this.beanClassLoader);
		this.propagator = ContextPropagator.create(options.contextPropagation(), this.beanClassLoader);
	}

	public LockFreeEventOptions getOptions() {
		return this.options;
	}

	public void setBeanFactory(ConfigurableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	public void setBeanClassLoader(ClassLoader classLoader) {
		this.beanClassLoader = classLoader;
		this.propagator = ContextPropagator.create(this.options.contextPropagation(), classLoader);
	}

	public ClassLoader getBeanClassLoader() {
		return this.beanClassLoader;
	}

	public void setErrorHandler(ErrorHandler errorHandler) {
		this.errorHandler = errorHandler;
	}

	public ErrorHandler getErrorHandler() {
		return this.errorHandler;
	}

	public DispatchStatistics statistics() {
		return this.statistics;
	}

	// ---- dispatch

	/**
	 * Multicast one event.
	 * @param event the event, never {@code null} here
	 * @param eventType its type as given by the publisher, or {@code null} to use the event's own
	 */
	public void dispatch(ApplicationEvent event, ResolvableType eventType) {
		Object source = event.getSource();
		Class<?> sourceType = (source != null) ? source.getClass() : null;
		Class<?> routedClass;
		ResolvableType lookupType = eventType;
		if (event instanceof PayloadApplicationEvent<?> payloadEvent) {
			routedClass = payloadEvent.getPayload().getClass();
			if (lookupType == null) {
				lookupType = payloadEvent.getResolvableType();
			}
		}
		else {
			routedClass = event.getClass();
		}
		Route route = this.cache.front(routedClass, lookupType, sourceType);
		if (route == null) {
			route = lookUp(event, routedClass, lookupType, sourceType);
			if (route == null) {
				return;
			}
		}
		dispatch(route, event);
	}

	/**
	 * The route of a key the cache's front did not serve, from the registry's current snapshot: the cached one,
	 * one carried over, or a new resolution; {@code null} when the event was dispatched during resolution
	 * (listener beans fetched per event).
	 */
	private Route lookUp(ApplicationEvent event, Class<?> routedClass, ResolvableType lookupType,
			Class<?> sourceType) {
		RegistrySnapshot snapshot = this.registry.current();
		Route route = this.cache.lookup(routedClass, lookupType, sourceType, snapshot);
		if (route == null) {
			route = refresh(this.cache.find(routedClass, lookupType, sourceType), snapshot);
			if (route == null) {
				route = resolve(event, routedClass, lookupType, sourceType, snapshot);
			}
		}
		return route;
	}

	private void dispatch(Route route, ApplicationEvent event) {
		if (route.perEvent != null) {
			dispatchWithBeans(route, event);
			return;
		}
		boolean countDirectly = !route.cached;
		boolean sampled;
		if (countDirectly) {
			this.ledger.countType(route.typeName, 1);
			this.ledger.countPublished(route.hasAsync());
			sampled = sampled();
		}
		else {
			long before = route.publishes.getAndIncrement();
			if (StripedCounter.isSealed(before)) {
				// The route left the cache after this thread found it: its counts are folded already.
				this.ledger.countLatePublish(route);
			}
			sampled = ((before + route.samplePhase) & this.sampleMask) == 0;
		}
		if (route.async.length > 0) {
			try {
				offerAsync(route, event, sampled);
			}
			catch (RejectedEventException ex) {
				// FAIL policy: the synchronous listeners do not run for this event, but a cached route counts
				// their invocations from its publishes: take them back.
				if (!countDirectly) {
					skipRest(route.sync, 0);
				}
				throw ex;
			}
		}
		RouteListener[] sync = route.sync;
		if (sync.length > 0) {
			invokeSync(sync, event, countDirectly, sampled);
		}
	}

	private void invokeSync(RouteListener[] listeners, ApplicationEvent event, boolean countDirectly,
			boolean sampled) {
		ErrorHandler handler = this.errorHandler;
		if (sampled) {
			invokeSyncTimed(listeners, event, countDirectly, handler);
			return;
		}
		// NOTE: no registration check here, as in Spring: a synchronous multicast invokes every listener it
		// resolved, even one removed by an earlier listener of the same multicast. A multicast that starts after
		// a remove returned resolves from the new snapshot and never sees the removed listener.
		// This loop is the hot path: kept free of timing so that the JIT compiles it tight; one dispatch in
		// sampleMask + 1 takes invokeSyncTimed instead.
		for (int i = 0; i < listeners.length; i++) {
			RouteListener listener = listeners[i];
			Throwable failure;
			try {
				failure = ListenerInvoker.invoke(listener.listener, event, handler);
			}
			catch (Throwable ex) {
				failed(listeners, i, ex, countDirectly);
				throw ex;
			}
			if (failure != null) {
				recordFailure(listener, failure);
			}
			if (countDirectly) {
				listener.metrics.invokedDirectly();
			}
		}
	}

	/** {@link #invokeSync} for a sampled dispatch: the same, timing each listener. */
	private void invokeSyncTimed(RouteListener[] listeners, ApplicationEvent event, boolean countDirectly,
			ErrorHandler handler) {
		for (int i = 0; i < listeners.length; i++) {
			RouteListener listener = listeners[i];
			long start = System.nanoTime();
			Throwable failure;
			try {
				failure = ListenerInvoker.invoke(listener.listener, event, handler);
			}
			catch (Throwable ex) {
				failed(listeners, i, ex, countDirectly);
				throw ex;
			}
			recordExecution(listener, System.nanoTime() - start);
			if (failure != null) {
				recordFailure(listener, failure);
			}
			if (countDirectly) {
				listener.metrics.invokedDirectly();
			}
		}
	}

	/**
	 * A synchronous listener threw and no error handler took it (or the handler rethrew): Spring stops the
	 * multicast and the publisher gets the exception. Count it, and the listeners that will not run.
	 */
	private void failed(RouteListener[] listeners, int index, Throwable failure, boolean countDirectly) {
		RouteListener listener = listeners[index];
		recordFailure(listener, failure);
		if (countDirectly) {
			listener.metrics.invokedDirectly();
		}
		else {
			skipRest(listeners, index + 1);
		}
	}

	private static void skipRest(RouteListener[] listeners, int from) {
		for (int i = from; i < listeners.length; i++) {
			listeners[i].metrics.skippedOnce();
		}
	}

	private void offerAsync(Route route, ApplicationEvent event, boolean sampled) {
		Lanes<Delivery> lanes = this.lanes;
		Object context = this.propagator.capture();
		long stamp = sampled ? System.nanoTime() : 0L;
		if (route.keyed) {
			int lane = laneForKey(event, lanes.count());
			offer(lanes, lane, delivery(event, route.keyedGroup, context, stamp));
			return;
		}
		for (int lane : route.usedLanes) {
			offer(lanes, lane, delivery(event, route.laneGroups[lane], context, stamp));
		}
	}

	private static Delivery delivery(ApplicationEvent event, LaneGroup group, Object context, long stamp) {
		return (stamp != 0L) ? new Delivery.Timed(event, group, context, stamp) : new Delivery(event, group, context);
	}

	private void offer(Lanes<Delivery> lanes, int lane, Delivery delivery) {
		OfferOutcome outcome = lanes.offer(lane, delivery);
		if (outcome == OfferOutcome.ENQUEUED || outcome == OfferOutcome.DROPPED) {
			// Dropped deliveries are counted and logged by the lanes.
			return;
		}
		if (outcome == OfferOutcome.RUN_ON_CALLER) {
			deliver(delivery);
			return;
		}
		throw new RejectedEventException(delivery.event, lane, lanes.capacity());
	}

	/**
	 * Invoke the listeners of a delivery: on a lane's worker, or on the publisher when the lane could not take
	 * it. Failures go to the error handler, or are logged; they never reach the publisher.
	 * <p>Each listener's registration is read (volatile) right before it is invoked, so a listener removed
	 * meanwhile, even by an earlier listener of the same delivery, is skipped.
	 */
	void deliver(Delivery delivery) {
		if (delivery.context != null || delivery.enqueuedAt() != 0L || delivery.group.countsDirectly) {
			deliverInstrumented(delivery);
			return;
		}
		// The common case, kept small and free of timing so that the JIT compiles it tight: no context to
		// restore, not sampled, counted once per delivery.
		ApplicationEvent event = delivery.event;
		LaneGroup group = delivery.group;
		ApplicationListener<?>[] targets = group.targets;
		try {
			for (int i = 0; i < targets.length; i++) {
				if (!group.isActive(i)) {
					group.listeners[i].metrics.skippedOnce();
					continue;
				}
				try {
					ListenerInvoker.invokeUnguarded(targets[i], event);
				}
				catch (Throwable ex) {
					asyncFailure(group.listeners[i], event, ex);
				}
			}
		}
		finally {
			countDelivery(group);
		}
	}

	/** Count one delivery to a cached route's group; once the route has left the cache, the ledger counts it. */
	private void countDelivery(LaneGroup group) {
		if (StripedCounter.isSealed(group.deliveries.getAndIncrement())) {
			// The route left the cache while this delivery was queued: its counts are folded already.
			this.ledger.countLateDelivery(group);
		}
	}

	/** {@link #deliver} for a delivery with a context to restore, sampled for timing, or counted directly. */
	private void deliverInstrumented(Delivery delivery) {
		long enqueuedAt = delivery.enqueuedAt();
		boolean timed = enqueuedAt != 0L;
		if (timed) {
			this.ringWait.record(System.nanoTime() - enqueuedAt);
		}
		LaneGroup group = delivery.group;
		ContextPropagator.Scope scope = (delivery.context != null) ? this.propagator.restore(delivery.context)
				: ContextPropagator.Scope.NOOP;
		try {
			for (int i = 0; i < group.listeners.length; i++) {
				RouteListener listener = group.listeners[i];
				if (!group.isActive(i)) {
					if (!group.countsDirectly) {
						listener.metrics.skippedOnce();
					}
					continue;
				}
				long start = timed ? System.nanoTime() : 0L;
				try {
					ListenerInvoker.invokeUnguarded(listener.listener, delivery.event);
				}
				catch (Throwable ex) {
					asyncFailure(listener, delivery.event, ex);
				}
				if (group.countsDirectly) {
					listener.metrics.invokedDirectly();
				}
				if (timed) {
					recordExecution(listener, System.nanoTime() - start);
				}
			}
		}
		finally {
			scope.close();
			if (!group.countsDirectly) {
				countDelivery(group);
			}
		}
	}

	private void asyncFailure(RouteListener listener, ApplicationEvent event, Throwable failure) {
		recordFailure(listener, failure);
		reportAsyncFailure(listener, event, failure);
	}

	private void reportAsyncFailure(RouteListener listener, ApplicationEvent event, Throwable failure) {
		ErrorHandler handler = this.errorHandler;
		if (handler != null) {
			try {
				handler.handleError(failure);
				return;
			}
			catch (Throwable ex) {
				failure = ex;
			}
		}
		logger.error("Async listener '" + listener.metrics.id() + "' failed on event of type "
				+ eventTypeName(event), failure);
	}

	private static String eventTypeName(ApplicationEvent event) {
		return (event instanceof PayloadApplicationEvent<?> payloadEvent)
				? payloadEvent.getPayload().getClass().getName() : event.getClass().getName();
	}

	private void recordFailure(RouteListener listener, Throwable failure) {
		listener.metrics.failedOnce();
		this.errors.record(failure);
	}

	private void recordExecution(RouteListener listener, long nanos) {
		listener.metrics.execution().record(nanos);
		this.execution.record(nanos);
	}

	private boolean sampled() {
		return (ThreadLocalRandom.current().nextLong() & this.sampleMask) == 0;
	}

	private static int laneForKey(ApplicationEvent event, int laneCount) {
		Object keyed = (event instanceof PayloadApplicationEvent<?> payloadEvent) ? payloadEvent.getPayload() : event;
		Object key = ((KeyedEvent) keyed).orderingKey();
		if (key == null) {
			throw new IllegalArgumentException("KeyedEvent.orderingKey() returned null for an event of type "
					+ keyed.getClass().getName() + "; return a non-null key, or do not implement KeyedEvent");
		}
		int hash = key.hashCode();
		return Math.floorMod(hash ^ (hash >>> 16), laneCount);
	}

	// ---- slow path: resolution and listener beans fetched per event

	/**
	 * The route to serve for {@code current} given the cached route of the key, which is not valid for it (or
	 * is, but was superseded):
	 * <ul>
	 * <li>the cached route itself when it is valid for the snapshot just before {@code current}, the
	 * operation that installed {@code current} has not returned yet ({@link RegistrySnapshot#isSettled()}) and
	 * the route is live: this dispatch is ordered before that change, and publishers do not all redo what the
	 * registering thread is doing. A superseded route is never served again: an add or remove that returned
	 * without a change of its own on {@code current} superseded it (the catch-up hook), so that its next dispatch
	 * sees that change even where nothing was prepared for it;</li>
	 * <li>otherwise the route derived from it (see {@link RouteDeriver}), cached in its place;</li>
	 * <li>{@code null} when there is no cached route or it has to be resolved.</li>
	 * </ul>
	 */
	private Route refresh(Route stale, RegistrySnapshot current) {
		if (stale == null) {
			return null;
		}
		if (!current.isSettled() && stale.isLive() && stale.validFor().version() + 1 == current.version()) {
			return stale;
		}
		return carryOver(stale, current);
	}

	/**
	 * The route derived from {@code stale} for {@code next}, cached in its place; {@code null} if none. A
	 * successor prepared for {@code next} ({@link #registrationsPreparing}) is that route: exactly one thread
	 * caches it (or, when the cache changed meanwhile, retires it so that what it counted is kept). A route that
	 * is valid for {@code next} but superseded is renewed: the front serves only live routes.
	 * <p>{@code stale} is superseded before a successor is served or cached: a publish that is served the
	 * successor happens before any later publish, which then must not be served {@code stale} from the front.
	 */
	private Route carryOver(Route stale, RegistrySnapshot next) {
		Route prepared = PreparedRoutes.successorOf(stale, next);
		if (prepared != null) {
			// The claim comes before the predecessor names the successor: from then on publishers read the
			// successor's line, and the claim's CAS would take it away from them. The claimer's replace
			// supersedes the predecessor right before its map CAS; the others supersede it here.
			if (prepared.claimInstall()) {
				this.cache.replace(stale, prepared, this.ledger);
			}
			else {
				stale.supersede(prepared);
			}
			return prepared;
		}
		Route derived = RouteDeriver.derive(stale, next, this::derivedListener, this.options.lanes());
		if (derived == stale && !stale.isLive()) {
			derived = RouteDeriver.renew(stale, this.options.lanes());
		}
		if (derived != null && derived != stale) {
			// Supersedes stale, naming derived, before anything serves derived.
			this.cache.replace(stale, derived, this.ledger);
		}
		return derived;
	}

	/**
	 * Prepare every cached route valid for {@code current} for {@code next}, a snapshot the registry is about to
	 * install that adds or removes one listener instance (the registry's prepare hook, run by the registering
	 * thread before its CAS): for each, the route to serve in its place under {@code next} is the route itself
	 * when the change leaves its listeners as they are, or its successor derived for {@code next}
	 * ({@link RouteDeriver#prepare}); the pairs are attached to {@code next} ({@link PreparedRoutes}). From the
	 * CAS until the change hook has carried the routes over, publishers that meet a route of the previous
	 * snapshot are served the prepared one instead of resolving, looking up the map or serving the previous
	 * snapshot's route. What cannot be derived is left for {@link #registrationsChanged} and the publishers.
	 */
	void registrationsPreparing(RegistrySnapshot current, RegistrySnapshot next) {
		List<Route> routes = this.cache.routes();
		Route[] pairs = new Route[routes.size() * 2];
		int filled = 0;
		for (Route route : routes) {
			if (route.validFor() != current) {
				continue;
			}
			try {
				Route prepared = RouteDeriver.prepare(route, next, this::derivedListener, this.options.lanes());
				if (prepared != null) {
					pairs[filled++] = route;
					pairs[filled++] = prepared;
				}
			}
			catch (RuntimeException ex) {
				// Prepare nothing for this route: the change hook or the next publisher derives or resolves it.
			}
		}
		if (filled > 0) {
			next.attachPrepared(new PreparedRoutes(Arrays.copyOf(pairs, filled)));
		}
	}

	/**
	 * Carry every cached route over to a snapshot the registry just installed, where one registration change
	 * allows it (see {@link RouteDeriver}): the registry's change hook, run by the registering thread before its
	 * operation returns, so that publishers find routes valid for the new snapshot. Successors prepared before
	 * the CAS are cached as they are. Routes that cannot be carried over are left for the next publisher to
	 * resolve, as is any failure here (it shows on that publisher's thread, as it would have without this step).
	 */
	void registrationsChanged(RegistrySnapshot installed) {
		List<Route> routes = this.cache.routes();
		try {
			for (Route route : routes) {
				if (route.validFor() != installed) {
					try {
						carryOver(route, installed);
					}
					catch (RuntimeException ex) {
						// Leave the route stale: the next publisher resolves it and meets the failure itself.
					}
				}
			}
		}
		finally {
			// The cache's front serves live routes without reading the registry: before this change returns,
			// every route it could not move forward to the installed snapshot must be superseded (see RouteCache).
			// Routes cached after the list was taken were checked against the registry by whoever cached them.
			supersedeBehind(routes, installed);
			// Every prepared route is cached or moved forward now, or its predecessor left the cache before the
			// loop came to it: retire such successors (publishers may have counted on them), then let the pairs go.
			PreparedRoutes.retireUnclaimed(installed, this.ledger::retireUncached);
			installed.attachPrepared(null);
		}
	}

	/**
	 * An add or remove returns on {@code unsettled} without a change of its own (the listener was just added or
	 * removed by another thread, whose change hook has not run yet): supersede every cached route behind it, so
	 * that a publish that follows on this thread does not get the previous listeners from the front. It goes to
	 * the map and is served the route prepared for {@code unsettled}, or, where nothing was prepared, carries the
	 * superseded route over or resolves it ({@link #refresh} serves no superseded route). The registry's catch-up
	 * hook.
	 */
	void registrationsCaughtUp(RegistrySnapshot unsettled) {
		supersedeBehind(this.cache.routes(), unsettled);
	}

	/** Supersede every route valid only for a snapshot older than {@code snapshot}. */
	private static void supersedeBehind(List<Route> routes, RegistrySnapshot snapshot) {
		for (Route route : routes) {
			if (route.validFor().version() < snapshot.version()) {
				route.supersede();
			}
		}
	}

	private RouteListener derivedListener(ApplicationListener<?> listener, InstanceRegistration registration,
			Class<?> routedClass) {
		return routeListener(listener, registration, null, this.listenerMetrics.forInstance(listener, null),
				routedClass);
	}

	/**
	 * Resolve and (when cache-safe) cache the route of a key. When the resolution created listener beans that
	 * are fetched per event, this event is dispatched to those very instances (as Spring does) and
	 * {@code null} is returned.
	 */
	private Route resolve(ApplicationEvent event, Class<?> routedClass, ResolvableType lookupType,
			Class<?> sourceType, RegistrySnapshot snapshot) {
		if (lookupType == null && event instanceof ResolvableTypeProvider provider) {
			// NOTE: a class that provides its own type never gets an entry under the natural (null) type, so a
			// lookup with no type can skip this interface check on the fast path.
			ResolvableType provided = provider.getResolvableType();
			lookupType = (provided != null) ? provided : ResolvableType.forClass(event.getClass());
			Route cached = this.cache.find(routedClass, lookupType, sourceType);
			if (cached != null && (cached.validFor() != snapshot || !cached.isLive())) {
				cached = refresh(cached, snapshot);
			}
			if (cached != null) {
				return cached;
			}
		}
		ResolvableType eventType = (lookupType != null) ? lookupType : ResolvableType.forInstance(event);
		RouteResolver.Resolution resolution = RouteResolver.resolve(snapshot, this.beanFactory, eventType,
				sourceType);
		List<RouteResolver.Candidate> candidates = resolution.candidates;
		boolean cacheable = isCacheSafe(event.getClass()) && isCacheSafe(routedClass)
				&& (sourceType == null || isCacheSafe(sourceType));
		Route route = buildRoute(routedClass, lookupType, eventType, sourceType, snapshot, candidates, cacheable,
				!resolution.beanRuledOut);
		if (cacheable) {
			this.cache.install(routedClass, route, this.ledger::retire);
		}
		if (route.perEvent == null) {
			return route;
		}
		List<RouteListener> resolved = new ArrayList<>(candidates.size());
		for (RouteResolver.Candidate candidate : candidates) {
			resolved.add(routeListener(candidate, routedClass));
		}
		dispatchEach(resolved, event, routedClass);
		return null;
	}

	private boolean isCacheSafe(Class<?> type) {
		ClassLoader classLoader = this.beanClassLoader;
		return classLoader == null || ClassUtils.isCacheSafe(type, classLoader);
	}

	private Route buildRoute(Class<?> routedClass, ResolvableType lookupType, ResolvableType eventType,
			Class<?> sourceType, RegistrySnapshot snapshot, List<RouteResolver.Candidate> candidates, boolean cacheable,
			boolean derivable) {
		List<RouteListener> fixed = new ArrayList<>(candidates.size());
		List<PerEventListeners.Bean> beans = new ArrayList<>();
		for (RouteResolver.Candidate candidate : candidates) {
			if (candidate.perEvent) {
				beans.add(new PerEventListeners.Bean(candidate.beanName, candidate.registration,
						this.listenerMetrics.forBeanName(candidate.beanName, candidate.listener)));
			}
			else {
				fixed.add(routeListener(candidate, routedClass));
			}
		}
		PerEventListeners perEvent = null;
		RouteListener[] ordered = fixed.toArray(new RouteListener[0]);
		if (!beans.isEmpty()) {
			boolean mayBeAsync = this.options.mayDispatchAsync() || fixed.stream().anyMatch((l) -> l.async);
			perEvent = new PerEventListeners(fixed, beans, mayBeAsync);
			ordered = new RouteListener[0];
		}
		boolean keyed = KeyedEvent.class.isAssignableFrom(routedClass);
		return new Route(routedClass, lookupType, eventType, sourceType, snapshot, routedClass.getName(), cacheable,
				derivable, ordered, this.options.lanes(), keyed, perEvent, 0);
	}

	private RouteListener routeListener(RouteResolver.Candidate candidate, Class<?> routedClass) {
		ListenerMetrics metrics = candidate.perEvent
				? this.listenerMetrics.forBeanName(candidate.beanName, candidate.listener)
				: this.listenerMetrics.forInstance(candidate.listener, candidate.beanName);
		return routeListener(candidate.listener, candidate.registration, candidate.alternate, metrics, routedClass);
	}

	private RouteListener routeListener(ApplicationListener<?> listener,
			dev.lockfree.events.registry.Registration registration,
			dev.lockfree.events.registry.Registration alternate, ListenerMetrics metrics, Class<?> routedClass) {
		boolean async = this.policy.isAsync(listener, routedClass);
		metrics.markAsync(async);
		if (async) {
			ensureLanes();
		}
		int lane = Math.floorMod(metrics.laneHint(), this.options.lanes());
		return new RouteListener(listener, registration, alternate, metrics, async, lane);
	}

	private void dispatchWithBeans(Route route, ApplicationEvent event) {
		ConfigurableBeanFactory factory = this.beanFactory;
		List<RouteListener> listeners = new ArrayList<>(route.perEvent.fixed);
		for (PerEventListeners.Bean bean : route.perEvent.beans) {
			try {
				ApplicationListener<?> listener = factory.getBean(bean.beanName(), ApplicationListener.class);
				listeners.add(routeListener(listener, bean.registration(), null, bean.metrics(), route.routedClass));
			}
			catch (NoSuchBeanDefinitionException ex) {
				// The listener bean disappeared (the context is being destroyed): ignore it, as Spring does.
			}
		}
		listeners.sort((left, right) -> AnnotationAwareOrderComparator.INSTANCE.compare(left.listener,
				right.listener));
		dispatchEach(listeners, event, route.routedClass);
	}

	/** Dispatch to listeners one by one, counting directly: the path of routes that are not cached as arrays. */
	private void dispatchEach(List<RouteListener> listeners, ApplicationEvent event, Class<?> routedClass) {
		boolean anyAsync = listeners.stream().anyMatch((listener) -> listener.async);
		this.ledger.countType(routedClass.getName(), 1);
		this.ledger.countPublished(anyAsync);
		List<RouteListener> sync = new ArrayList<>(listeners.size());
		Lanes<Delivery> lanes = this.lanes;
		for (RouteListener listener : listeners) {
			if (!listener.async) {
				sync.add(listener);
				continue;
			}
			int lane = (event instanceof KeyedEvent
					|| (event instanceof PayloadApplicationEvent<?> p && p.getPayload() instanceof KeyedEvent))
							? laneForKey(event, lanes.count()) : listener.lane;
			LaneGroup single = new LaneGroup(new RouteListener[] { listener }, true);
			offer(lanes, lane, new Delivery(event, single, this.propagator.capture()));
		}
		invokeSync(sync.toArray(new RouteListener[0]), event, true, sampled());
	}

	private void ensureLanes() {
		if (this.lanes == null) {
			Lanes<Delivery> created = new Lanes<>(this.options, this::deliver);
			LANES.compareAndSet(this, null, created);
		}
	}

	// ---- lifecycle

	/**
	 * Stop the lanes: deliver what they accepted, waiting at most the shutdown timeout. Later async deliveries
	 * run on the publishing thread.
	 * @return the number of deliveries abandoned at the timeout
	 */
	public int shutdown() {
		Lanes<Delivery> lanes = this.lanes;
		if (lanes == null) {
			return 0;
		}
		return lanes.shutdown(this.options.shutdownTimeout());
	}

	public boolean isAccepting() {
		Lanes<Delivery> lanes = this.lanes;
		return lanes == null || lanes.isAccepting();
	}

	// ---- accessors for statistics

	RouteCache cache() {
		return this.cache;
	}

	RouteLedger ledger() {
		return this.ledger;
	}

	ListenerMetricsRegistry listenerMetrics() {
		return this.listenerMetrics;
	}

	ErrorCounts errors() {
		return this.errors;
	}

	SampledTimer ringWait() {
		return this.ringWait;
	}

	SampledTimer execution() {
		return this.execution;
	}

	Lanes<Delivery> lanes() {
		return this.lanes;
	}

}
