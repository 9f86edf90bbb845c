package dev.lockfree.events.invoke;

import java.util.function.Predicate;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.core.ResolvableType;

import java.util.concurrent.TimeUnit;

import dev.lockfree.events.LockFreeApplicationEventMulticaster;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.context.support.AbstractApplicationContext;

/**
 * {@code context.publishEvent(payload)} to ten {@code @EventListener} methods on two beans, each adding
 * a long to a field: the path most applications use.
 *
 * <p>Subjects, in the same JVM run:
 * <ul>
 * <li>{@code spring}: a plain {@link AnnotationConfigApplicationContext} (Spring's multicaster and
 * listener adapter);</li>
 * <li>{@code spring-fastinvokers}: Spring's multicaster with a {@link FastEventListenerFactory}, so the
 * gain of the invokers shows on its own;</li>
 * <li>{@code lockfree}: a {@link LockFreeApplicationEventMulticaster} named
 * {@code applicationEventMulticaster} with a {@link FastEventListenerFactory}.</li>
 * </ul>
 * <li>{@code floor}: a multicaster that does nothing, so the figures show what
 * {@code AbstractApplicationContext.publishEvent} itself costs and allocates (the
 * {@code PayloadApplicationEvent} and its {@code ResolvableType}s): no multicaster can go below it.</li>
 * </ul>
 * Two more subjects are not run by default: {@code spring-methodhandles} and
 * {@code lockfree-methodhandles}, as {@code spring-fastinvokers} and {@code lockfree} but with method-handle
 * invokers instead of spun lambdas (select them with {@code -p subject=...}); they show why spun lambdas are
 * the default. Run with {@code -prof gc} to see the bytes allocated per event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class PayloadPublishBenchmark {

	private static final int LISTENER_METHODS = 10;

	@Param({ "spring", "spring-fastinvokers", "lockfree", "floor" })
	public String subject;

	private final OrderPlaced payload = new OrderPlaced(3L);

	private AnnotationConfigApplicationContext context;

	@Setup(Level.Trial)
	public void createContext() {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		switch (this.subject) {
			case "spring" -> {
			}
			case "spring-fastinvokers" -> context.registerBean(FastEventListenerFactory.class);
			case "spring-methodhandles" -> context.registerBean(FastEventListenerFactory.class,
					() -> new FastEventListenerFactory(true, false));
			case "lockfree" -> {
				registerLockFreeMulticaster(context);
				context.registerBean(FastEventListenerFactory.class);
			}
			case "lockfree-methodhandles" -> {
				registerLockFreeMulticaster(context);
				context.registerBean(FastEventListenerFactory.class, () -> new FastEventListenerFactory(true, false));
			}
			case "floor" -> context.registerBean(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME,
					ApplicationEventMulticaster.class, DiscardingMulticaster::new);
			default -> throw new IllegalArgumentException("Unknown subject " + this.subject);
		}
		context.registerBean(FirstListeners.class);
		context.registerBean(SecondListeners.class);
		context.refresh();
		this.context = context;
		if (!"floor".equals(this.subject)) {
			checkEveryListenerRuns();
		}
	}

	private static void registerLockFreeMulticaster(AnnotationConfigApplicationContext context) {
		context.registerBean(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME,
				LockFreeApplicationEventMulticaster.class,
				() -> new LockFreeApplicationEventMulticaster(context.getBeanFactory()));
	}

	private void checkEveryListenerRuns() {
		FirstListeners first = this.context.getBean(FirstListeners.class);
		SecondListeners second = this.context.getBean(SecondListeners.class);
		long before = first.total + second.total;
		this.context.publishEvent(this.payload);
		long added = first.total + second.total - before;
		if (added != LISTENER_METHODS * this.payload.amount()) {
			throw new IllegalStateException("Expected " + LISTENER_METHODS + " listener calls for " + this.subject
					+ ", got " + (added / this.payload.amount()));
		}
	}

	@TearDown(Level.Trial)
	public void closeContext() {
		this.context.close();
	}

	@Benchmark
	public void publishPayload() {
		this.context.publishEvent(this.payload);
	}


	/**
	 * Registers nothing and delivers nothing: the floor subject's multicaster. It keeps the last event and type
	 * in fields so that the JIT cannot prove them unused and scalar-replace their allocation away, which would
	 * put the floor below what any multicaster that reads them can reach.
	 */
	static final class DiscardingMulticaster implements ApplicationEventMulticaster {

		Object lastEvent;

		Object lastType;

		@Override
		public void addApplicationListener(ApplicationListener<?> listener) {
		}

		@Override
		public void addApplicationListenerBean(String listenerBeanName) {
		}

		@Override
		public void removeApplicationListener(ApplicationListener<?> listener) {
		}

		@Override
		public void removeApplicationListenerBean(String listenerBeanName) {
		}

		@Override
		public void removeApplicationListeners(Predicate<ApplicationListener<?>> predicate) {
		}

		@Override
		public void removeApplicationListenerBeans(Predicate<String> predicate) {
		}

		@Override
		public void removeAllListeners() {
		}

		@Override
		public void multicastEvent(ApplicationEvent event) {
			this.lastEvent = event;
		}

		@Override
		public void multicastEvent(ApplicationEvent event, ResolvableType eventType) {
			this.lastEvent = event;
			this.lastType = eventType;
		}

	}

	/** The payload published. */
	public record OrderPlaced(long amount) {
	}


	/** Five listener methods on the first bean. */
	public static class FirstListeners {

		long total;

		@EventListener
		public void one(OrderPlaced event) {
			this.total += event.amount();
		}

		@EventListener
		public void two(OrderPlaced event) {
			this.total += event.amount();
		}

		@EventListener
		public void three(OrderPlaced event) {
			this.total += event.amount();
		}

		@EventListener
		public void four(OrderPlaced event) {
			this.total += event.amount();
		}

		@EventListener
		public void five(OrderPlaced event) {
			this.total += event.amount();
		}

	}


	/** Five listener methods on the second bean. */
	public static class SecondListeners {

		long total;

		@EventListener
		public void six(OrderPlaced event) {
			this.total += event.amount();
		}

		@EventListener
		public void seven(OrderPlaced event) {
			this.total += event.amount();
		}

		@EventListener
		public void eight(OrderPlaced event) {
			this.total += event.amount();
		}

		@EventListener
		public void nine(OrderPlaced event) {
			this.total += event.amount();
		}

		@EventListener
		public void ten(OrderPlaced event) {
			this.total += event.amount();
		}

	}

}
