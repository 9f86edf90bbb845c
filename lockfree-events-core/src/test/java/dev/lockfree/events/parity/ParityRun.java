package dev.lockfree.events.parity;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.util.ErrorHandler;

/**
 * One execution of a parity scenario against one {@link Subject}: gives the scenario its {@link Trace} and
 * creates application contexts whose {@code applicationEventMulticaster} bean is the subject's multicaster.
 *
 * <p>Every context created here is closed when the scenario ends (if the scenario has not closed it), and
 * carries a display name {@code context-1}, {@code context-2}, ... in creation order, so that context events
 * are described identically in both runs. The {@link Trace} is registered in each context as the singleton
 * bean {@value #TRACE_BEAN_NAME}, so listener beans can take it as a constructor argument.
 */
final class ParityRun {

	/** Name of the {@link Trace} singleton in every context of a run. */
	static final String TRACE_BEAN_NAME = "trace";

	private final Subject subject;

	private final Trace trace;

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	ParityRun(Subject subject, Trace trace) {
		this.subject = subject;
		this.trace = trace;
	}

	Subject subject() {
		return this.subject;
	}

	Trace trace() {
		return this.trace;
	}

	/**
	 * Create and refresh an annotation context with the given component classes.
	 */
	AnnotationConfigApplicationContext context(Class<?>... componentClasses) {
		AnnotationConfigApplicationContext context = prepare(componentClasses);
		context.refresh();
		return context;
	}

	/**
	 * Create and refresh an annotation context whose multicaster reports listener errors to the trace's
	 * {@link Trace#errorHandler() error handler}.
	 */
	AnnotationConfigApplicationContext contextWithErrorHandler(Class<?>... componentClasses) {
		return contextWithErrorHandler(this.trace.errorHandler(), componentClasses);
	}

	/**
	 * Create and refresh an annotation context whose multicaster reports listener errors to the given
	 * {@link ErrorHandler}.
	 */
	AnnotationConfigApplicationContext contextWithErrorHandler(ErrorHandler errorHandler,
			Class<?>... componentClasses) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		prepare(context, errorHandler);
		if (componentClasses.length > 0) {
			context.register(componentClasses);
		}
		context.refresh();
		return context;
	}

	/**
	 * Create an annotation context with the given component classes, the subject's multicaster and the trace,
	 * without refreshing it.
	 */
	AnnotationConfigApplicationContext prepare(Class<?>... componentClasses) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		prepare(context, null);
		if (componentClasses.length > 0) {
			context.register(componentClasses);
		}
		return context;
	}

	/**
	 * Register the subject's multicaster (as a bean definition, so that the container calls its aware
	 * callbacks, with the given error handler if not {@code null}) and the trace in the given, not yet
	 * refreshed, context.
	 */
	<C extends GenericApplicationContext> C prepare(C context, ErrorHandler errorHandler) {
		RootBeanDefinition multicaster = new RootBeanDefinition(this.subject.multicasterClass());
		multicaster.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
		if (errorHandler != null) {
			multicaster.getPropertyValues().add("errorHandler", errorHandler);
		}
		context.registerBeanDefinition(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME,
				multicaster);
		context.getBeanFactory().registerSingleton(TRACE_BEAN_NAME, this.trace);
		track(context);
		return context;
	}

	/**
	 * Track a context created by the scenario itself (without the subject's multicaster), so it gets a
	 * stable display name and is closed at the end.
	 */
	<C extends ConfigurableApplicationContext> C track(C context) {
		this.contexts.add(context);
		if (context instanceof AbstractApplicationContext abstractContext) {
			abstractContext.setDisplayName("context-" + this.contexts.size());
		}
		return context;
	}

	/**
	 * Return the multicaster of the given refreshed context.
	 */
	static ApplicationEventMulticaster multicaster(ConfigurableApplicationContext context) {
		return context.getBean(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME,
				ApplicationEventMulticaster.class);
	}

	void closeAll() {
		for (int i = this.contexts.size() - 1; i >= 0; i--) {
			ConfigurableApplicationContext context = this.contexts.get(i);
			if (context.isActive()) {
				context.close();
			}
		}
	}

}
