package dev.lockfree.events.baseline;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import dev.lockfree.events.support.AsyncSubject;
import dev.lockfree.events.support.MeasuredEvent;

/**
 * Spring's asynchronous multicasting as users set it up: a {@link SimpleApplicationEventMulticaster} with a
 * {@link ThreadPoolTaskExecutor}, which submits one task per listener call to the executor's queue (the
 * default, unbounded one).
 */
public final class SpringExecutorDispatcher implements AsyncSubject {

	private final SimpleApplicationEventMulticaster multicaster = new SimpleApplicationEventMulticaster();

	private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

	/**
	 * @param listeners the listeners, registered in this order
	 * @param threads the executor's pool size
	 */
	public SpringExecutorDispatcher(ApplicationListener<?>[] listeners, int threads) {
		this.executor.setCorePoolSize(threads);
		this.executor.setMaxPoolSize(threads);
		this.executor.setThreadNamePrefix("spring-executor-");
		this.executor.setDaemon(true);
		this.executor.initialize();
		this.multicaster.setTaskExecutor(this.executor);
		for (ApplicationListener<?> listener : listeners) {
			this.multicaster.addApplicationListener(listener);
		}
	}

	@Override
	public void publish(MeasuredEvent event) {
		this.multicaster.multicastEvent(event);
	}

	@Override
	public void close() {
		this.executor.shutdown();
	}

}
