package dev.lockfree.events.baseline;

import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import org.springframework.context.ApplicationListener;

import dev.lockfree.events.support.AsyncSubject;
import dev.lockfree.events.support.MeasuredEvent;

/**
 * The LMAX Disruptor as an event dispatcher: a multi-producer ring of pre-allocated slots and one event
 * handler (one thread) that invokes every listener for each event.
 */
public final class DisruptorDispatcher implements AsyncSubject {

	/** Copies the event into a slot; stateless, so publishing allocates nothing. */
	private static final EventTranslatorOneArg<Slot, MeasuredEvent> PUT_EVENT = (slot, sequence,
			event) -> slot.event = event;

	private final Disruptor<Slot> disruptor;

	private final RingBuffer<Slot> ringBuffer;

	/**
	 * @param listeners the listeners the handler invokes, in this order
	 * @param capacity ring size, a power of two
	 * @param waitStrategy how the handler waits for events
	 */
	public DisruptorDispatcher(ApplicationListener<MeasuredEvent>[] listeners,
			int capacity, WaitStrategy waitStrategy) {
		this.disruptor = new Disruptor<>(Slot::new, capacity, new DaemonThreads("disruptor-"), ProducerType.MULTI,
				waitStrategy);
		this.disruptor.handleEventsWith(new InvokeListeners(listeners));
		this.ringBuffer = this.disruptor.start();
	}

	@Override
	public void publish(MeasuredEvent event) {
		this.ringBuffer.publishEvent(PUT_EVENT, event);
	}

	@Override
	public void close() {
		try {
			this.disruptor.shutdown(10, TimeUnit.SECONDS);
		}
		catch (TimeoutException ex) {
			this.disruptor.halt();
			throw new IllegalStateException("Disruptor did not drain within 10 s", ex);
		}
	}

	/** A ring slot: holds one event between publish and handling. */
	static final class Slot {

		MeasuredEvent event;

	}

	/** The single event handler: invokes each listener, then clears the slot. */
	private static final class InvokeListeners implements EventHandler<Slot> {

		private final ApplicationListener<MeasuredEvent>[] listeners;

		InvokeListeners(ApplicationListener<MeasuredEvent>[] listeners) {
			this.listeners = listeners;
		}

		@Override
		public void onEvent(Slot slot, long sequence, boolean endOfBatch) {
			MeasuredEvent event = slot.event;
			slot.event = null;
			for (ApplicationListener<MeasuredEvent> listener : this.listeners) {
				listener.onApplicationEvent(event);
			}
		}

	}

}
