package dev.lockfree.events.dispatch;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.context.event.GenericApplicationListenerAdapter;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.ResolvableType;

/**
 * Decides which listeners take an event type, with Spring's rules (spring-semantics items 6 and 7):
 * {@code GenericApplicationListener}s are asked directly, other listeners through
 * {@link GenericApplicationListenerAdapter} (declared generic, smart listeners, source type); listener beans
 * are filtered by type before they are created.
 */
final class ListenerMatcher {

	private ListenerMatcher() {
	}

	/** Whether the listener instance takes events of this type from this source type. */
	static boolean supports(ApplicationListener<?> listener, ResolvableType eventType, Class<?> sourceType) {
		GenericApplicationListener generic = (listener instanceof GenericApplicationListener gal) ? gal
				: new GenericApplicationListenerAdapter(listener);
		return generic.supportsEventType(eventType) && generic.supportsSourceType(sourceType);
	}

	/** What the first-pass filter of a listener bean found. */
	enum BeanCheck {

		/** The bean may take the event type: create it and ask it. */
		MAY_SUPPORT,

		/**
		 * Its class declares an event type that does not take this one. An instance equal to the bean is of that
		 * class, so {@link #supports} rejects it too.
		 */
		RULED_OUT_BY_TYPE,

		/**
		 * Its bean definition's generics (factory-method generics, such as a lambda listener's) rule the type
		 * out although its class does not: only this check knows, and it also drops an equal instance.
		 */
		RULED_OUT_BY_DEFINITION

	}

	/**
	 * First-pass filter of a listener bean, before creating it: by the bean's type, then by the generics of its
	 * merged bean definition (factory-method generics). A bean whose type cannot be told yet passes.
	 */
	static BeanCheck checkBean(ConfigurableBeanFactory beanFactory, String beanName, ResolvableType eventType) {
		Class<?> listenerType = beanFactory.getType(beanName);
		if (listenerType == null || GenericApplicationListener.class.isAssignableFrom(listenerType)
				|| SmartApplicationListener.class.isAssignableFrom(listenerType)) {
			return BeanCheck.MAY_SUPPORT;
		}
		ResolvableType declared = declaredEventType(listenerType);
		if (declared != null && !declared.isAssignableFrom(eventType)) {
			return BeanCheck.RULED_OUT_BY_TYPE;
		}
		try {
			BeanDefinition definition = beanFactory.getMergedBeanDefinition(beanName);
			ResolvableType generic = definition.getResolvableType().as(ApplicationListener.class).getGeneric();
			return (generic == ResolvableType.NONE || generic.isAssignableFrom(eventType)) ? BeanCheck.MAY_SUPPORT
					: BeanCheck.RULED_OUT_BY_DEFINITION;
		}
		catch (NoSuchBeanDefinitionException ex) {
			// A singleton registered by hand has no definition to check.
			return BeanCheck.MAY_SUPPORT;
		}
	}

	private static ResolvableType declaredEventType(Class<?> listenerType) {
		ResolvableType declared = ResolvableType.forClass(listenerType).as(ApplicationListener.class).getGeneric();
		return (declared != ResolvableType.NONE) ? declared : null;
	}

}
