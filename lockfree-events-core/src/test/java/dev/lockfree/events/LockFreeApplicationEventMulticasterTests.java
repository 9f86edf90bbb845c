package dev.lockfree.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.awaitility.Awaitility.await;

class LockFreeApplicationEventMulticasterTests {

	@Test
	void deliversToMatchingListenersOnTheCallerInOrder() {
		LockFreeApplicationEventMulticaster multicaster = new LockFreeApplicationEventMulticaster();
		List<String> seen = new CopyOnWriteArrayList<>();
		multicaster.addApplicationListener((ApplicationListener<TestEvent>) (event) -> seen.add("a:" + event.name));
		multicaster.addApplicationListener(new OtherListener(seen));
		multicaster.addApplicationListener((ApplicationListener<TestEvent>) (event) -> seen.add("b:" + event.name));
		multicaster.multicastEvent(new TestEvent("one"));
		multicaster.multicastEvent(new TestEvent("two"));
		assertThat(seen).containsExactly("a:one", "b:one", "a:two", "b:two");
		assertThat(multicaster.getStatistics().published()).isEqualTo(2);
		assertThat(multicaster.getStatistics().invocations()).isEqualTo(4);
	}

	@Test
	void removedListenerIsNotInvokedAgain() {
		LockFreeApplicationEventMulticaster multicaster = new LockFreeApplicationEventMulticaster();
		List<String> seen = new CopyOnWriteArrayList<>();
		ApplicationListener<TestEvent> listener = (event) -> seen.add(event.name);
		multicaster.addApplicationListener(listener);
		multicaster.multicastEvent(new TestEvent("one"));
		multicaster.removeApplicationListener(listener);
		multicaster.multicastEvent(new TestEvent("two"));
		assertThat(seen).containsExactly("one");
	}

	@Test
	void asyncModeRunsListenersOnLaneThreadsAndFrameworkEventsOnTheCaller() {
		LockFreeApplicationEventMulticaster multicaster = new LockFreeApplicationEventMulticaster(null,
				LockFreeEventOptions.builder().mode(DispatchMode.ASYNC).build());
		List<String> threads = new CopyOnWriteArrayList<>();
		multicaster.addApplicationListener((ApplicationListener<ApplicationEvent>) (event) -> threads
			.add(event.getClass().getSimpleName() + "@" + Thread.currentThread().getName()));
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			multicaster.multicastEvent(new TestEvent("one"));
			multicaster.multicastEvent(new PayloadApplicationEvent<>(this, "payload"));
			multicaster.multicastEvent(new org.springframework.context.event.ContextStartedEvent(context));
			String caller = Thread.currentThread().getName();
			await().untilAsserted(() -> assertThat(threads).hasSize(3));
			assertThat(threads).contains("ContextStartedEvent@" + caller);
			assertThat(threads).filteredOn((entry) -> entry.startsWith("TestEvent@"))
				.singleElement()
				.matches((entry) -> entry.contains("lockfree-events-"));
		}
		finally {
			multicaster.destroy();
		}
	}

	@Test
	void nullEventFailsWithNullPointerExceptionLikeSpring() {
		LockFreeApplicationEventMulticaster multicaster = new LockFreeApplicationEventMulticaster();
		assertThatNullPointerException().isThrownBy(() -> multicaster.multicastEvent(null));
	}

	static class TestEvent extends ApplicationEvent {

		final String name;

		TestEvent(String name) {
			super("source");
			this.name = name;
		}

	}

	static class OtherEvent extends ApplicationEvent {

		OtherEvent() {
			super("source");
		}

	}

	record OtherListener(List<String> seen) implements ApplicationListener<OtherEvent> {

		@Override
		public void onApplicationEvent(OtherEvent event) {
			this.seen.add("other");
		}

	}

}
