package dev.lockfree.events.invoke;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.ApplicationListenerMethodAdapter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same components in two contexts: one plain Spring, one with a {@link FastEventListenerFactory}
 * bean. Both use Spring's default multicaster. Publishing goes to both, and what each one did (its
 * trace, or the exception the publisher saw) is compared.
 */
final class DifferentialContexts implements AutoCloseable {

	final AnnotationConfigApplicationContext spring;

	final AnnotationConfigApplicationContext fast;

	private DifferentialContexts(AnnotationConfigApplicationContext spring, AnnotationConfigApplicationContext fast) {
		this.spring = spring;
		this.fast = fast;
	}

	/** No change to either context beyond the components. */
	static final Consumer<AnnotationConfigApplicationContext> NO_FACTORY_CUSTOMIZATION = (context) -> {
	};

	static DifferentialContexts of(Class<?>... components) {
		return of(NO_FACTORY_CUSTOMIZATION, components);
	}

	static DifferentialContexts of(Consumer<AnnotationConfigApplicationContext> customizer, Class<?>... components) {
		return of(new FastEventListenerFactory(), customizer, components);
	}

	static DifferentialContexts of(FastEventListenerFactory factory, Consumer<AnnotationConfigApplicationContext> customizer,
			Class<?>... components) {
		AnnotationConfigApplicationContext spring = create(customizer, components);
		AnnotationConfigApplicationContext fast = new AnnotationConfigApplicationContext();
		fast.registerBean("fastEventListenerFactory", FastEventListenerFactory.class, () -> factory);
		fast = configure(fast, customizer, components);
		DifferentialContexts contexts = new DifferentialContexts(spring, fast);
		contexts.clearTraces();
		return contexts;
	}

	private static AnnotationConfigApplicationContext create(Consumer<AnnotationConfigApplicationContext> customizer,
			Class<?>... components) {
		return configure(new AnnotationConfigApplicationContext(), customizer, components);
	}

	private static AnnotationConfigApplicationContext configure(AnnotationConfigApplicationContext context,
			Consumer<AnnotationConfigApplicationContext> customizer, Class<?>... components) {
		context.registerBean(EventTrace.class);
		context.register(components);
		customizer.accept(context);
		context.refresh();
		return context;
	}

	/**
	 * Publish the event to both contexts and assert that both publishers saw the same outcome:
	 * nothing, or an exception of the same class with the same message and the same kind of cause.
	 * @return the exceptions thrown to the publishers (spring first), or {@code null}s
	 */
	RuntimeException[] publish(Object event) {
		RuntimeException springFailure = publishTo(this.spring, event);
		RuntimeException fastFailure = publishTo(this.fast, event);
		if (springFailure == null) {
			assertThat(fastFailure).isNull();
		}
		else {
			assertThat(fastFailure).isNotNull();
			assertThat(fastFailure.getClass()).isEqualTo(springFailure.getClass());
			assertThat(fastFailure.getMessage()).isEqualTo(springFailure.getMessage());
			if (springFailure.getCause() != null) {
				assertThat(fastFailure.getCause()).isNotNull();
				assertThat(fastFailure.getCause().getClass()).isEqualTo(springFailure.getCause().getClass());
				assertThat(fastFailure.getCause().getMessage()).isEqualTo(springFailure.getCause().getMessage());
			}
			else {
				assertThat(fastFailure.getCause()).isNull();
			}
		}
		return new RuntimeException[] { springFailure, fastFailure };
	}

	private static RuntimeException publishTo(AnnotationConfigApplicationContext context, Object event) {
		try {
			context.publishEvent(event);
			return null;
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	List<String> springTrace() {
		return this.spring.getBean(EventTrace.class).entries();
	}

	List<String> fastTrace() {
		return this.fast.getBean(EventTrace.class).entries();
	}

	/** Assert both traces are equal and not empty, and return the trace. */
	List<String> assertSameTrace() {
		List<String> springTrace = springTrace();
		assertThat(springTrace).isNotEmpty();
		assertThat(fastTrace()).isEqualTo(springTrace);
		return springTrace;
	}

	void clearTraces() {
		this.spring.getBean(EventTrace.class).clear();
		this.fast.getBean(EventTrace.class).clear();
	}

	/** The method listeners of a context by listener id. */
	static Map<String, ApplicationListenerMethodAdapter> methodListeners(AnnotationConfigApplicationContext context) {
		Map<String, ApplicationListenerMethodAdapter> listeners = new LinkedHashMap<>();
		for (ApplicationListener<?> listener : context.getApplicationListeners()) {
			if (listener instanceof ApplicationListenerMethodAdapter adapter) {
				listeners.put(adapter.getListenerId(), adapter);
			}
		}
		return listeners;
	}

	/** The fast adapter of the fast context for the method with the given name. */
	FastApplicationListenerMethodAdapter fastAdapter(String methodName) {
		FastApplicationListenerMethodAdapter found = null;
		for (ApplicationListenerMethodAdapter adapter : methodListeners(this.fast).values()) {
			if (adapter.getTargetMethod().getName().equals(methodName)) {
				assertThat(found).as("one listener method named " + methodName).isNull();
				assertThat(adapter).isInstanceOf(FastApplicationListenerMethodAdapter.class);
				found = (FastApplicationListenerMethodAdapter) adapter;
			}
		}
		assertThat(found).as("listener method named " + methodName).isNotNull();
		return found;
	}

	@Override
	public void close() {
		this.spring.close();
		this.fast.close();
	}

}
