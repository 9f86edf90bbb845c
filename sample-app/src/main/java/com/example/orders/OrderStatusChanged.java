package com.example.orders;

import dev.lockfree.events.KeyedEvent;

/**
 * Published each time an order changes state. Keyed by the order id, so the asynchronous listeners see the
 * changes of one order in the order they were published, while different orders spread across the lanes.
 *
 * @param orderId the order
 * @param status its new state
 */
public record OrderStatusChanged(String orderId, OrderStatus status) implements KeyedEvent {

	@Override
	public Object orderingKey() {
		return this.orderId;
	}

}
