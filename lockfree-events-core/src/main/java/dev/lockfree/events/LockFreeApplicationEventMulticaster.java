package dev.lockfree.events;

import java.util.Objects;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.core.ResolvableType;
import org.springframework.util.Assert;
import org.springframework.util.ErrorHandler;

import dev.lockfree.events.dispatch.EventDispatcher;
import dev.lockfree.events.registry.ListenerRegistry;
import dev.lockfree.events.stats.EventStatistics;

/**
 * An {@link ApplicationEventMulticaster} whose listener registry is lock-free and whose asynchronous dispatch
 * runs through bounded lock-free ring buffers.
 *
 * <p>With the default options it behaves exactly as Spring's {@code SimpleApplicationEventMulticaster}
 * without an executor: every listener runs on the publishing thread, in the same order, with the same
 * matching, error and caching rules. What differs is how: registrations are immutable snapshots replaced by
 * CAS (no {@code synchronized}, no locks), resolved listener arrays are cached per (event type, source type)
 * and tied to the snapshot they came from, and a cached dispatch allocates nothing.
 *
 * <p>With {@link DispatchMode#ASYNC} (or include rules, or {@link ListenerDispatch}), listeners that may run
 * off the publishing thread are handed to lanes: worker threads each draining a bounded ring. Transactional
 * listeners and framework events always stay on the publishing thread. See {@link LockFreeEventOptions}.
 *
 * <p>Use it by declaring a bean named {@code applicationEventMulticaster}; the Spring Boot starter does it
 * for you. On context close ({@link #stop()}, or {@link #destroy()}), events already handed to the lanes are
 * delivered, waiting at most the shutdown timeout; events published afterwards run on the publishing thread.
 */
public class LockFreeApplicationEventMulticaster
		implements ApplicationEventMulticaster, BeanFactoryAware, BeanClassLoaderAware, SmartLifecycle, DisposableBean {

	/**
	 * Lifecycle phase: stops after every other lifecycle bean of the default phases (web servers, message
	 * listener containers), so that events they publish while stopping are still delivered, and before bean
	 * destruction, so that listener beans are alive while the lanes drain.
	 */
	public static final int PHASE = Integer.MIN_VALUE + 1000;

	private static final Log logger = LogFactory.getLog(LockFreeApplicationEventMulticaster.class);

	private final ListenerRegistry registry = new ListenerRegistry();

	private final EventDispatcher dispatcher;

	private volatile boolean running;

	/** A multicaster with the default options; set the bean factory before using listener bean names. */
	public LockFreeApplicationEventMulticaster() {
		this(LockFreeEventOptions.defaults());
	}

	/** A multicaster with the default options, for the given bean factory. */
	public LockFreeApplicationEventMulticaster(BeanFactory beanFactory) {
		this(beanFactory, LockFreeEventOptions.defaults());
	}

	/** A multicaster with the given options, for the given bean factory (may be {@code null}). */
	public LockFreeApplicationEventMulticaster(BeanFactory beanFactory, LockFreeEventOptions options) {
		this(options);
		if (beanFactory != null) {
			setBeanFactory(beanFactory);
		}
	}

	private LockFreeApplicationEventMulticaster(LockFreeEventOptions options) {
		Assert.notNull(options, "LockFreeEventOptions must not be null");
		this.dispatcher = new EventDispatcher(this.registry, options);
	}

	/**
	 * Replace the options; allowed until the first asynchronous event has been dispatched.
	 * @throws IllegalStateException once the lanes have started
	 */
	public void setOptions(LockFreeEventOptions options) {
		Assert.notNull(options, "LockFreeEventOptions must not be null");
		this.dispatcher.setOptions(options);
	}

	public LockFreeEventOptions getOptions() {
		return this.dispatcher.getOptions();
	}

	/**
	 * Set the handler of listener errors. Without one (the default, as in Spring), a failing synchronous
	 * listener's exception reaches the publisher and stops the multicast; a failing asynchronous listener is
	 * logged with its id and the event type. With one, every failure goes to it and the other listeners still run.
	 */
	public void setErrorHandler(ErrorHandler errorHandler) {
		this.dispatcher.setErrorHandler(errorHandler);
	}

	public ErrorHandler getErrorHandler() {
		return this.dispatcher.getErrorHandler();
	}

	/** A read-only view of this multicaster's counters, for meters and endpoints. */
	public EventStatistics getStatistics() {
		return this.dispatcher.statistics();
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (!(beanFactory instanceof ConfigurableBeanFactory configurable)) {
			throw new IllegalStateException("Not running in a ConfigurableBeanFactory: " + beanFactory);
		}
		this.dispatcher.setBeanFactory(configurable);
		if (this.dispatcher.getBeanClassLoader() == null) {
			this.dispatcher.setBeanClassLoader(configurable.getBeanClassLoader());
		}
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.dispatcher.setBeanClassLoader(classLoader);
	}

	// ---- registration

	@Override
	public void addApplicationListener(ApplicationListener<?> listener) {
		Assert.notNull(listener, "ApplicationListener must not be null");
		this.registry.addListener(listener);
	}

	@Override
	public void addApplicationListenerBean(String listenerBeanName) {
		Assert.notNull(listenerBeanName, "Listener bean name must not be null");
		this.registry.addBeanName(listenerBeanName);
	}

	@Override
	public void removeApplicationListener(ApplicationListener<?> listener) {
		if (listener != null) {
			this.registry.removeListener(listener);
		}
	}

	@Override
	public void removeApplicationListenerBean(String listenerBeanName) {
		if (listenerBeanName != null) {
			this.registry.removeBeanName(listenerBeanName);
		}
	}

	@Override
	public void removeApplicationListeners(Predicate<ApplicationListener<?>> predicate) {
		Objects.requireNonNull(predicate, "predicate");
		this.registry.removeListeners(predicate);
	}

	@Override
	public void removeApplicationListenerBeans(Predicate<String> predicate) {
		Objects.requireNonNull(predicate, "predicate");
		this.registry.removeBeanNames(predicate);
	}

	@Override
	public void removeAllListeners() {
		this.registry.removeAll();
	}

	// ---- dispatch

	@Override
	public void multicastEvent(ApplicationEvent event) {
		multicastEvent(event, null);
	}

	@Override
	public void multicastEvent(ApplicationEvent event, ResolvableType eventType) {
		Objects.requireNonNull(event, "event must not be null");
		this.dispatcher.dispatch(event, eventType);
	}

	// ---- lifecycle

	@Override
	public void start() {
		this.running = true;
	}

	/**
	 * Stop the lanes: deliver every event they accepted, waiting at most the shutdown timeout, then stop the
	 * worker threads. Events published afterwards run on the publishing thread.
	 */
	@Override
	public void stop() {
		this.running = false;
		int abandoned = this.dispatcher.shutdown();
		if (abandoned > 0) {
			logger.warn(abandoned + " event deliveries were abandoned: the lanes did not drain within "
					+ getOptions().shutdownTimeout() + " (lockfree.events.shutdown-timeout)");
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/** Same as {@link #stop()}; idempotent. */
	@Override
	public void destroy() {
		stop();
	}

}
