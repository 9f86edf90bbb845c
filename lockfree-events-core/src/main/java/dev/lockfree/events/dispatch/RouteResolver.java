package dev.lockfree.events.dispatch;

import java.util.ArrayList;
import java.util.List;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

import dev.lockfree.events.registry.BeanNameRegistration;
import dev.lockfree.events.registry.InstanceRegistration;
import dev.lockfree.events.registry.Registration;
import dev.lockfree.events.registry.RegistrySnapshot;

/**
 * Resolves the listeners of one (event type, source type) from a registry snapshot, with Spring's rules
 * (spring-semantics items 4, 6, 7, 9, 10): instances first, then listener beans filtered before creation;
 * a bean that is also registered as an instance is delivered once; a registered singleton target is
 * swapped for its proxy; a singleton ruled out by its bean definition is dropped; the result is sorted with
 * {@link AnnotationAwareOrderComparator} (stable: ties keep insertion order).
 *
 * <p>Runs on the publishing thread on a route-cache miss; it may create listener beans ({@code getBean}),
 * so it runs outside every CAS loop and holds no lock.
 */
final class RouteResolver {

	private RouteResolver() {
	}

	/** One resolved listener and where it came from. */
	static final class Candidate {

		final ApplicationListener<?> listener;

		final Registration registration;

		Registration alternate;

		/** The bean it came from when resolved by name, else {@code null}. */
		final String beanName;

		/** Whether it must be fetched from the bean factory for every event (not a singleton). */
		final boolean perEvent;

		Candidate(ApplicationListener<?> listener, Registration registration, String beanName, boolean perEvent) {
			this.listener = listener;
			this.registration = registration;
			this.beanName = beanName;
			this.perEvent = perEvent;
		}

	}

	/** The outcome of one resolution. */
	static final class Resolution {

		/** The candidates in invocation order; those with {@code perEvent} were created for this resolution. */
		final List<Candidate> candidates = new ArrayList<>();

		/**
		 * Whether a listener bean was ruled out by its bean definition: such a bean also drops an instance equal
		 * to it, so a route resolved with one cannot be derived by adding an instance.
		 */
		boolean beanRuledOut;

	}

	/** Resolve the listeners. */
	static Resolution resolve(RegistrySnapshot snapshot, ConfigurableBeanFactory beanFactory,
			ResolvableType eventType, Class<?> sourceType) {
		Resolution resolution = new Resolution();
		List<Candidate> candidates = resolution.candidates;
		for (InstanceRegistration registration : snapshot.instances()) {
			// Every registration of the snapshot, those a remove has claimed included: the snapshot is the
			// registered set, and reading it alone is what makes a resolution see a set that existed.
			if (ListenerMatcher.supports(registration.listener(), eventType, sourceType)) {
				candidates.add(new Candidate(registration.listener(), registration, null, false));
			}
		}
		BeanNameRegistration[] beanNames = snapshot.beanNames();
		if (beanNames.length > 0) {
			if (beanFactory == null) {
				throw new IllegalStateException("ApplicationEventMulticaster cannot retrieve listener beans "
						+ "because it is not associated with a BeanFactory");
			}
			for (BeanNameRegistration registration : beanNames) {
				addBean(resolution, beanFactory, registration, eventType, sourceType);
			}
		}
		candidates.sort((left, right) -> AnnotationAwareOrderComparator.INSTANCE.compare(left.listener,
				right.listener));
		return resolution;
	}

	private static void addBean(Resolution resolution, ConfigurableBeanFactory beanFactory,
			BeanNameRegistration registration, ResolvableType eventType, Class<?> sourceType) {
		List<Candidate> candidates = resolution.candidates;
		String beanName = registration.beanName();
		try {
			ListenerMatcher.BeanCheck check = ListenerMatcher.checkBean(beanFactory, beanName, eventType);
			if (check != ListenerMatcher.BeanCheck.MAY_SUPPORT) {
				// A singleton that arrived as an instance too, ruled out by its bean definition (lambda
				// listeners with factory-method generics): drop it.
				if (check == ListenerMatcher.BeanCheck.RULED_OUT_BY_DEFINITION) {
					resolution.beanRuledOut = true;
				}
				Object singleton = beanFactory.getSingleton(beanName);
				candidates.removeIf((candidate) -> candidate.listener.equals(singleton));
				return;
			}
			ApplicationListener<?> listener = beanFactory.getBean(beanName, ApplicationListener.class);
			Object target = AopProxyUtils.getSingletonTarget(listener);
			if (target != null && target != listener) {
				int index = indexOf(candidates, target);
				if (index >= 0) {
					// Swap a registered target for its proxy, so the listener fires once (at the end, as Spring).
					Candidate replaced = candidates.remove(index);
					Candidate proxy = new Candidate(listener, registration, beanName, false);
					proxy.alternate = replaced.registration;
					candidates.add(proxy);
				}
			}
			int existing = indexOf(candidates, listener);
			if (existing >= 0) {
				Candidate candidate = candidates.get(existing);
				if (candidate.registration != registration && candidate.alternate == null) {
					candidate.alternate = registration;
				}
				return;
			}
			if (ListenerMatcher.supports(listener, eventType, sourceType)) {
				candidates.add(new Candidate(listener, registration, beanName, !beanFactory.isSingleton(beanName)));
			}
		}
		catch (NoSuchBeanDefinitionException ex) {
			// The listener bean disappeared (the context is being destroyed): ignore it, as Spring does.
		}
	}

	private static int indexOf(List<Candidate> candidates, Object listener) {
		for (int i = 0; i < candidates.size(); i++) {
			if (candidates.get(i).listener.equals(listener)) {
				return i;
			}
		}
		return -1;
	}

}
