package dev.lockfree.events.support;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationListener;

import dev.lockfree.events.DispatchMode;
import dev.lockfree.events.LockFreeApplicationEventMulticaster;
import dev.lockfree.events.LockFreeEventOptions;

/**
 * Our multicaster as an {@link AsyncSubject}: in {@link DispatchMode#ASYNC} with the given options, started as
 * a context would start it, destroyed on close.
 */
public final class LockFreeAsyncSubject implements AsyncSubject {

	private final LockFreeApplicationEventMulticaster multicaster;

	/**
	 * @param listeners the listeners, registered in this order
	 * @param lanes the number of lanes; every other option at its default
	 */
	public LockFreeAsyncSubject(ApplicationListener<?>[] listeners, int lanes) {
		this(listeners, LockFreeEventOptions.builder().mode(DispatchMode.ASYNC).lanes(lanes).build());
	}

	/**
	 * @param listeners the listeners, registered in this order
	 * @param options the options, used as they are (set {@link DispatchMode#ASYNC} to dispatch asynchronously)
	 */
	public LockFreeAsyncSubject(ApplicationListener<?>[] listeners, LockFreeEventOptions options) {
		this.multicaster = new LockFreeApplicationEventMulticaster(new DefaultListableBeanFactory(), options);
		for (ApplicationListener<?> listener : listeners) {
			this.multicaster.addApplicationListener(listener);
		}
		this.multicaster.start();
	}

	/** The multicaster, for its statistics. */
	public LockFreeApplicationEventMulticaster multicaster() {
		return this.multicaster;
	}

	@Override
	public void publish(MeasuredEvent event) {
		this.multicaster.multicastEvent(event);
	}

	@Override
	public void close() {
		this.multicaster.destroy();
	}

}
