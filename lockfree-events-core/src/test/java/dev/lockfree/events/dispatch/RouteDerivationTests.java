package dev.lockfree.events.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import dev.lockfree.events.DispatchMode;
import dev.lockfree.events.LockFreeEventOptions;
import dev.lockfree.events.registry.ListenerRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routes carried across registration changes ({@link RouteDeriver}) must invoke exactly the listeners, in
 * exactly the order, that a full resolution (and Spring's multicaster) would: a seeded random walk of instance
 * additions and removals among listeners of several orders, event types and origins (instances, beans by name,
 * a bean also added as an instance), each step checked against Spring's {@link SimpleApplicationEventMulticaster}.
 */
class RouteDerivationTests {

	/** What the listeners of the current publish did, in order. */
	static final List<String> trace = new ArrayList<>();

	private final ListenerRegistry registry = new ListenerRegistry();

	private final EventDispatcher dispatcher = new EventDispatcher(this.registry,
			LockFreeEventOptions.builder().mode(DispatchMode.SYNC).build());

	private final SimpleApplicationEventMulticaster spring = new SimpleApplicationEventMulticaster();

	private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();

	@AfterEach
	void shutDown() {
		this.dispatcher.shutdown();
	}

	@Test
	void derivedRoutesMatchSpringAfterEveryChange() {
		this.beanFactory.registerBeanDefinition("beanEarly", new RootBeanDefinition(EarlyBeanListener.class));
		this.beanFactory.registerBeanDefinition("beanZero", new RootBeanDefinition(ZeroBeanListener.class));
		this.beanFactory.registerBeanDefinition("beanTwin", new RootBeanDefinition(TwinBeanListener.class));
		this.dispatcher.setBeanFactory(this.beanFactory);
		this.spring.setBeanFactory(this.beanFactory);
		for (String name : List.of("beanEarly", "beanZero", "beanTwin")) {
			this.registry.addBeanName(name);
			this.spring.addApplicationListenerBean(name);
		}
		List<ApplicationListener<?>> pool = new ArrayList<>(List.of(new AnyListener("any-0", 0),
				new AnyListener("any-0b", 0), new AnyListener("any-min", Ordered.HIGHEST_PRECEDENCE),
				new FooListener("foo-5", 5), new FooListener("foo-0", 0), new BarListener("bar-0", 0),
				new UnorderedListener("unordered"), new AnnotatedListener("annotated-3")));
		// The singleton of a bean registered by name, also added as an instance: resolution merges the two.
		pool.add(this.beanFactory.getBean("beanTwin", ApplicationListener.class));
		Random random = new Random(20261128L);
		int changes = 0;
		int carriedOver = 0;
		for (int step = 0; step < 3_000; step++) {
			ApplicationListener<?> listener = pool.get(random.nextInt(pool.size()));
			boolean add = random.nextBoolean();
			long before = this.registry.current().version();
			if (add) {
				this.registry.addListener(listener);
				this.spring.addApplicationListener(listener);
			}
			else {
				this.registry.removeListener(listener);
				this.spring.removeApplicationListener(listener);
			}
			if (this.registry.current().version() != before) {
				changes++;
				Route route = this.dispatcher.cache().find(FooEvent.class, null, String.class);
				if (route != null && route.validFor() == this.registry.current()) {
					carriedOver++;
				}
			}
			assertSameInvocations(new FooEvent("source"), step);
			assertSameInvocations(new BarEvent("source"), step);
		}
		assertThat(changes).isGreaterThan(1_000);
		// Most changes are carried over by the registering thread, before any publisher looks.
		assertThat(carriedOver).isGreaterThan(changes / 2);
	}

	@Test
	void aRemovedListenerIsGoneFromTheCarriedRouteAndAnAddedOneIsIn() {
		FooListener first = new FooListener("first", 1);
		FooListener second = new FooListener("second", 2);
		this.registry.addListener(first);
		this.registry.addListener(second);
		assertThat(invoke(new FooEvent("source"))).containsExactly("first", "second");
		Route resolved = this.dispatcher.cache().find(FooEvent.class, null, String.class);

		this.registry.removeListener(first);
		Route carried = this.dispatcher.cache().find(FooEvent.class, null, String.class);
		assertThat(carried).isNotSameAs(resolved);
		assertThat(carried.validFor()).isSameAs(this.registry.current());
		assertThat(invoke(new FooEvent("source"))).containsExactly("second");

		FooListener early = new FooListener("early", 0);
		this.registry.addListener(early);
		assertThat(this.dispatcher.cache().find(FooEvent.class, null, String.class).validFor())
			.isSameAs(this.registry.current());
		assertThat(invoke(new FooEvent("source"))).containsExactly("early", "second");

		// A listener of another type leaves the route as it is: moved forward, not rebuilt.
		Route beforeBar = this.dispatcher.cache().find(FooEvent.class, null, String.class);
		this.registry.addListener(new BarListener("bar", 0));
		Route afterBar = this.dispatcher.cache().find(FooEvent.class, null, String.class);
		assertThat(afterBar).isSameAs(beforeBar);
		assertThat(afterBar.validFor()).isSameAs(this.registry.current());
	}

	/**
	 * Registration churn adds a listener and removes it again: the route derived for the removal takes back the
	 * very listener arrays of the route before the add (publishers have read them already), while removing any
	 * other listener builds new ones. Both invoke what a resolution would.
	 */
	@Test
	void removingTheListenerAddedLastGivesBackTheListenersOfTheRouteBeforeIt() {
		FooListener first = new FooListener("first", 1);
		FooListener second = new FooListener("second", 2);
		this.registry.addListener(first);
		this.registry.addListener(second);
		assertThat(invoke(new FooEvent("source"))).containsExactly("first", "second");
		Route before = this.dispatcher.cache().find(FooEvent.class, null, String.class);
		// A synchronous route keeps one array for both orders: every listener is synchronous.
		assertThat(before.sync).isSameAs(before.ordered);

		FooListener churning = new FooListener("churning", 0);
		this.registry.addListener(churning);
		assertThat(invoke(new FooEvent("source"))).containsExactly("churning", "first", "second");
		this.registry.removeListener(churning);
		Route after = this.dispatcher.cache().find(FooEvent.class, null, String.class);
		assertThat(after).isNotSameAs(before);
		assertThat(after.validFor()).isSameAs(this.registry.current());
		assertThat(after.listeners).isSameAs(before.listeners);
		assertThat(after.sync).isSameAs(before.sync);
		assertThat(after.beforeAdd).isNull();
		assertThat(invoke(new FooEvent("source"))).containsExactly("first", "second");

		this.registry.addListener(churning);
		Route withChurning = this.dispatcher.cache().find(FooEvent.class, null, String.class);
		this.registry.removeListener(first);
		Route withoutFirst = this.dispatcher.cache().find(FooEvent.class, null, String.class);
		assertThat(withoutFirst.validFor()).isSameAs(this.registry.current());
		assertThat(withoutFirst.sync).isNotSameAs(withChurning.sync).isNotSameAs(before.sync);
		assertThat(invoke(new FooEvent("source"))).containsExactly("churning", "second");
	}

	/**
	 * Between a change's CAS and the caching of its routes, a dispatch is served the route the registering thread
	 * prepared for the new snapshot before its CAS, though the cache still holds the previous one; once the
	 * change returns, that very route is the cached one. Without the preparation the dispatch would find only
	 * the previous snapshot's route in the cache.
	 */
	@Test
	void aDispatchDuringAChangeIsServedTheRoutePreparedForIt() {
		FooListener kept = new FooListener("kept", 0);
		FooListener removed = new FooListener("removed", 1);
		this.registry.addListener(kept);
		this.registry.addListener(removed);
		assertThat(invoke(new FooEvent("source"))).containsExactly("kept", "removed");
		Route before = this.dispatcher.cache().find(FooEvent.class, null, String.class);
		List<List<String>> duringChange = new ArrayList<>();
		List<Route> served = new ArrayList<>();
		List<Route> cached = new ArrayList<>();
		this.registry.setChangeHook((installed) -> {
			assertThat(installed.isSettled()).isFalse();
			cached.add(this.dispatcher.cache().find(FooEvent.class, null, String.class));
			served.add(this.dispatcher.cache().lookup(FooEvent.class, null, String.class, installed));
			duringChange.add(invoke(new FooEvent("source")));
			this.dispatcher.registrationsChanged(installed);
		});
		this.registry.removeListener(removed);
		assertThat(duringChange).containsExactly(List.of("kept"));
		assertThat(cached).containsExactly(before);
		assertThat(served.get(0)).isNotNull().isNotSameAs(before);
		assertThat(this.registry.current().isSettled()).isTrue();
		assertThat(this.dispatcher.cache().find(FooEvent.class, null, String.class)).isSameAs(served.get(0));
		assertThat(before.isRetired()).isTrue();
		assertThat(invoke(new FooEvent("source"))).containsExactly("kept");

		// A change that leaves the route as it is: the same route serves during the change and after it.
		Route unchanged = served.get(0);
		served.clear();
		this.registry.addListener(new BarListener("bar", 0));
		assertThat(served).containsExactly(unchanged);
		assertThat(this.dispatcher.cache().find(FooEvent.class, null, String.class)).isSameAs(unchanged);
		assertThat(unchanged.validFor()).isSameAs(this.registry.current());

		this.registry.addListener(new FooListener("added", 2));
		assertThat(duringChange).last().isEqualTo(List.of("kept", "added"));
		assertThat(invoke(new FooEvent("source"))).containsExactly("kept", "added");
		assertThat(this.dispatcher.statistics().invocations()).isEqualTo(2 + 1 + 1 + 1 + 2 + 2);
	}

	/**
	 * A successor served during a change whose predecessor leaves the cache before the change hook comes to it
	 * (a later change, then a publisher resolving anew, replaced it) is never cached; the hook retires it, so
	 * that the dispatch it served stays counted. Without that, the statistics lost the dispatch. (During a change
	 * the front serves the previous route; a publisher whose front slot another key took goes to the map and is
	 * served the successor: the test empties the slot to play that.)
	 */
	@Test
	void aSuccessorServedDuringAChangeButNeverCachedIsStillCounted() {
		this.registry.addListener(new FooListener("first", 0));
		assertThat(invoke(new FooEvent("source"))).containsExactly("first");
		AtomicBoolean nested = new AtomicBoolean();
		List<List<String>> duringChange = new ArrayList<>();
		this.registry.setChangeHook((installed) -> {
			if (nested.compareAndSet(false, true)) {
				this.dispatcher.cache().front[RouteCache.slotOf(FooEvent.class)] = null;
				duringChange.add(invoke(new FooEvent("source")));
				this.registry.addListener(new BarListener("bar", 0));
				duringChange.add(invoke(new FooEvent("source")));
			}
			this.dispatcher.registrationsChanged(installed);
		});
		this.registry.addListener(new FooListener("second", 1));
		assertThat(duringChange).containsExactly(List.of("first", "second"), List.of("first", "second"));
		assertThat(invoke(new FooEvent("source"))).containsExactly("first", "second");
		assertThat(this.dispatcher.statistics().publishedSync()).isEqualTo(4);
		assertThat(this.dispatcher.statistics().invocations()).isEqualTo(1 + 2 + 2 + 2);
	}

	/**
	 * With nothing prepared (the prepare hook unset, as when a change is not of one instance), a dispatch during
	 * a change (installed, not yet settled) is served the previous route: it is ordered before the change. Once
	 * the change returns, every dispatch sees it.
	 */
	@Test
	void unpreparedADispatchDuringAChangeIsOrderedBeforeItAndOneAfterSeesIt() {
		this.registry.setPrepareHook(null);
		FooListener kept = new FooListener("kept", 0);
		FooListener removed = new FooListener("removed", 1);
		this.registry.addListener(kept);
		this.registry.addListener(removed);
		assertThat(invoke(new FooEvent("source"))).containsExactly("kept", "removed");
		List<List<String>> duringChange = new ArrayList<>();
		this.registry.setChangeHook((installed) -> {
			assertThat(installed.isSettled()).isFalse();
			assertThat(this.dispatcher.cache().lookup(FooEvent.class, null, String.class, installed)).isNull();
			duringChange.add(invoke(new FooEvent("source")));
			this.dispatcher.registrationsChanged(installed);
		});
		this.registry.removeListener(removed);
		assertThat(duringChange).containsExactly(List.of("kept", "removed"));
		assertThat(this.registry.current().isSettled()).isTrue();
		assertThat(invoke(new FooEvent("source"))).containsExactly("kept");
		this.registry.addListener(new FooListener("added", 2));
		assertThat(duringChange).last().isEqualTo(List.of("kept"));
		assertThat(invoke(new FooEvent("source"))).containsExactly("kept", "added");
	}

	/**
	 * With nothing prepared, an add that finds its listener just added by another change (installed, not
	 * settled) returns at once: its next dispatch must see the listener all the same, as after any add that
	 * returned. The other change is played by the change hook, which adds the same listener again before it
	 * carries the routes over.
	 */
	@Test
	void unpreparedAnAddThatFindsItsListenerAddedByAChangeInProgressSeesItOnItsNextDispatch() {
		this.registry.setPrepareHook(null);
		FooListener kept = new FooListener("kept", 0);
		FooListener added = new FooListener("added", 1);
		this.registry.addListener(kept);
		assertThat(invoke(new FooEvent("source"))).containsExactly("kept");
		List<List<String>> afterTheRepeatedAdd = new ArrayList<>();
		this.registry.setChangeHook((installed) -> {
			this.registry.setChangeHook(this.dispatcher::registrationsChanged);
			this.registry.addListener(added);
			afterTheRepeatedAdd.add(invoke(new FooEvent("source")));
			this.dispatcher.registrationsChanged(installed);
		});
		this.registry.addListener(added);
		assertThat(afterTheRepeatedAdd).containsExactly(List.of("kept", "added"));
		assertThat(invoke(new FooEvent("source"))).containsExactly("kept", "added");
	}

	/**
	 * The one difference from Spring that carrying routes over makes, deliberately: Spring clears its whole
	 * cache on any registration change, so a listener whose {@code supportsEventType} answer changes over time
	 * is asked again then; here it is asked again only when its route is resolved anew (a bean-name change,
	 * several listeners at once, a route more than one change behind).
	 */
	@Test
	void aListenerIsNotAskedAgainWhenAnotherInstanceChanges() {
		Toggled toggled = new Toggled();
		this.registry.addListener(toggled);
		assertThat(invoke(new FooEvent("source"))).containsExactly("toggled");
		toggled.accepting = false;
		this.registry.addListener(new FooListener("other", 0));
		assertThat(invoke(new FooEvent("source"))).containsExactly("other", "toggled");
		this.registry.addBeanName("noSuchBean");
		this.dispatcher.setBeanFactory(this.beanFactory);
		assertThat(invoke(new FooEvent("source"))).containsExactly("other");
	}

	@Test
	void countsOfReplacedRoutesAreKept() {
		FooListener stable = new FooListener("stable", 0);
		this.registry.addListener(stable);
		for (int i = 0; i < 100; i++) {
			invoke(new FooEvent("source"));
			FooListener churned = new FooListener("churned", 1);
			this.registry.addListener(churned);
			invoke(new FooEvent("source"));
			this.registry.removeListener(churned);
		}
		assertThat(this.dispatcher.statistics().publishedSync()).isEqualTo(200);
		assertThat(this.dispatcher.statistics().invocations()).isEqualTo(300);
	}

	/**
	 * A delivery still queued when its route leaves the cache is counted when it runs, however late: the
	 * retired route's counters are sealed and a later delivery counts itself. (With a grace period instead, a
	 * delivery queued longer than the grace was lost to the statistics.)
	 */
	@Test
	void deliveriesQueuedWhenTheirRouteIsReplacedAreCounted() throws Exception {
		ListenerRegistry registry = new ListenerRegistry();
		EventDispatcher async = new EventDispatcher(registry,
				LockFreeEventOptions.builder().mode(DispatchMode.ASYNC).lanes(1).build());
		try {
			CountDownLatch release = new CountDownLatch(1);
			AtomicInteger handled = new AtomicInteger();
			ApplicationListener<FooEvent> slow = (event) -> {
				awaitQuietly(release);
				handled.incrementAndGet();
			};
			registry.addListener(slow);
			for (int i = 0; i < 100; i++) {
				async.dispatch(new FooEvent("source"), null);
			}
			Route queuedFor = async.cache().find(FooEvent.class, null, String.class);
			registry.addListener(new FooListener("later", 0));
			async.dispatch(new FooEvent("source"), null);
			assertThat(async.cache().find(FooEvent.class, null, String.class)).isNotSameAs(queuedFor);
			// Longer than the grace period the ledger used to wait before folding a retired route.
			Thread.sleep(2_200);
			assertThat(async.statistics().invocations()).isLessThan(101);
			release.countDown();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (handled.get() < 101 && System.nanoTime() < deadline) {
				Thread.sleep(5);
			}
			assertThat(handled.get()).isEqualTo(101);
			// 101 deliveries to the slow listener, one to the later one.
			deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (async.statistics().invocations() < 102 && System.nanoTime() < deadline) {
				Thread.sleep(5);
			}
			assertThat(async.statistics().invocations()).isEqualTo(102);
			assertThat(async.statistics().publishedAsync()).isEqualTo(101);
		}
		finally {
			async.shutdown();
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void assertSameInvocations(ApplicationEvent event, int step) {
		trace.clear();
		this.spring.multicastEvent(event);
		List<String> expected = new ArrayList<>(trace);
		assertThat(invoke(event)).as("step %d, %s", step, event.getClass().getSimpleName())
			.containsExactlyElementsOf(expected);
	}

	private List<String> invoke(ApplicationEvent event) {
		trace.clear();
		this.dispatcher.dispatch(event, null);
		return new ArrayList<>(trace);
	}

	static class FooEvent extends ApplicationEvent {

		FooEvent(String source) {
			super(source);
		}

	}

	static class BarEvent extends ApplicationEvent {

		BarEvent(String source) {
			super(source);
		}

	}

	/** Records its name for every event it takes. */
	abstract static class Named<E extends ApplicationEvent> implements ApplicationListener<E> {

		final String name;

		Named(String name) {
			this.name = name;
		}

		@Override
		public void onApplicationEvent(E event) {
			trace.add(this.name);
		}

	}

	/** A {@link Named} listener with an {@link Ordered} order. */
	abstract static class OrderedNamed<E extends ApplicationEvent> extends Named<E> implements Ordered {

		private final int order;

		OrderedNamed(String name, int order) {
			super(name);
			this.order = order;
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

	static class AnyListener extends OrderedNamed<ApplicationEvent> {

		AnyListener(String name, int order) {
			super(name, order);
		}

	}

	static class FooListener extends OrderedNamed<FooEvent> {

		FooListener(String name, int order) {
			super(name, order);
		}

	}

	static class BarListener extends OrderedNamed<BarEvent> {

		BarListener(String name, int order) {
			super(name, order);
		}

	}

	static class UnorderedListener extends Named<ApplicationEvent> {

		UnorderedListener(String name) {
			super(name);
		}

	}

	@Order(3)
	static class AnnotatedListener extends Named<FooEvent> {

		AnnotatedListener(String name) {
			super(name);
		}

	}

	/** Takes every event while {@code accepting}; asked on each resolution. */
	static class Toggled extends Named<ApplicationEvent> implements SmartApplicationListener {

		volatile boolean accepting = true;

		Toggled() {
			super("toggled");
		}

		@Override
		public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
			return this.accepting;
		}

	}

	/** A bean listener ordered before every instance but the highest-precedence one. */
	static class EarlyBeanListener extends OrderedNamed<ApplicationEvent> {

		EarlyBeanListener() {
			super("bean-early", -5);
		}

	}

	/** A bean listener of order 0 whose singleton the test also adds as an instance. */
	static class TwinBeanListener extends OrderedNamed<FooEvent> {

		TwinBeanListener() {
			super("bean-twin", 0);
		}

	}

	/** A bean listener of order 0: instances of order 0 go before it (resolution lists instances first). */
	static class ZeroBeanListener extends OrderedNamed<FooEvent> {

		ZeroBeanListener() {
			super("bean-zero", 0);
		}

	}

}
