package dev.lockfree.events;

import java.util.function.Predicate;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.core.ResolvableType;

import dev.lockfree.events.stats.EventStatistics;

/**
 * SKELETON: being implemented (issue 2). Public signatures are final.
 */
public class LockFreeApplicationEventMulticaster implements ApplicationEventMulticaster {

	public LockFreeApplicationEventMulticaster() {
	}

	public LockFreeApplicationEventMulticaster(BeanFactory beanFactory) {
	}

	public LockFreeApplicationEventMulticaster(BeanFactory beanFactory, LockFreeEventOptions options) {
	}

	public void setOptions(LockFreeEventOptions options) {
	}

	public LockFreeEventOptions getOptions() {
		throw new UnsupportedOperationException();
	}

	public void setErrorHandler(org.springframework.util.ErrorHandler errorHandler) {
	}

	public EventStatistics getStatistics() {
		throw new UnsupportedOperationException();
	}

	@Override
	public void addApplicationListener(ApplicationListener<?> listener) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void addApplicationListenerBean(String listenerBeanName) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void removeApplicationListener(ApplicationListener<?> listener) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void removeApplicationListenerBean(String listenerBeanName) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void removeApplicationListeners(Predicate<ApplicationListener<?>> predicate) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void removeApplicationListenerBeans(Predicate<String> predicate) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void removeAllListeners() {
		throw new UnsupportedOperationException();
	}

	@Override
	public void multicastEvent(ApplicationEvent event) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void multicastEvent(ApplicationEvent event, ResolvableType eventType) {
		throw new UnsupportedOperationException();
	}

}
