package dev.lockfree.events.baseline;

import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscArrayQueue;
import org.springframework.context.ApplicationListener;

import dev.lockfree.events.support.AsyncSubject;
import dev.lockfree.events.support.Idle;
import dev.lockfree.events.support.MeasuredEvent;

/**
 * The floor for asynchronous dispatch: a raw JCTools {@link MpscArrayQueue} of events and one consumer
 * thread that invokes every listener for each event. No listener lookup, no error handling, no statistics.
 * Publishers spin, then yield, while the queue is full; the consumer does the same while it is empty.
 */
public final class MpscQueueDispatcher implements AsyncSubject, MessagePassingQueue.Consumer<MeasuredEvent> {

	private static final int DRAIN_LIMIT = 256;

	private final MpscArrayQueue<MeasuredEvent> queue;

	private final ApplicationListener<MeasuredEvent>[] listeners;

	private final Thread consumer;

	private volatile boolean running = true;

	/**
	 * @param listeners the listeners the consumer invokes, in this order
	 * @param capacity queue capacity
	 */
	public MpscQueueDispatcher(ApplicationListener<MeasuredEvent>[] listeners, int capacity) {
		this.queue = new MpscArrayQueue<>(capacity);
		this.listeners = listeners;
		this.consumer = new DaemonThreads("jctools-mpsc-").newThread(this::consume);
		this.consumer.start();
	}

	@Override
	public void publish(MeasuredEvent event) {
		int idleRounds = 0;
		while (!this.queue.offer(event)) {
			Idle.idle(idleRounds++);
		}
	}

	@Override
	public void accept(MeasuredEvent event) {
		for (ApplicationListener<MeasuredEvent> listener : this.listeners) {
			listener.onApplicationEvent(event);
		}
	}

	private void consume() {
		int idleRounds = 0;
		while (this.running) {
			if (this.queue.drain(this, DRAIN_LIMIT) > 0) {
				idleRounds = 0;
			}
			else {
				Idle.idle(idleRounds++);
			}
		}
		this.queue.drain(this);
	}

	@Override
	public void close() {
		this.running = false;
		try {
			this.consumer.join(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
