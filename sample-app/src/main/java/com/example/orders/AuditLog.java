package com.example.orders;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.lockfree.events.DispatchMode;
import dev.lockfree.events.ListenerDispatch;

/**
 * Writes an audit row for every placed order. It must run on the publishing thread, inside the transaction that
 * stores the order, so that the row commits or rolls back with it: {@link ListenerDispatch @ListenerDispatch}
 * keeps it synchronous although {@code lockfree.events.mode} is {@code async}. (Routing {@link OrderPlaced} with
 * {@code lockfree.events.async.exclude} would do the same, but for every listener of the type.)
 */
@Component
public class AuditLog {

	private final OrderRepository orders;

	public AuditLog(OrderRepository orders) {
		this.orders = orders;
	}

	@EventListener
	@ListenerDispatch(DispatchMode.SYNC)
	public void record(OrderPlaced placed) {
		this.orders.insertAudit(placed.order().id(), "placed " + placed.order().amount(),
				Thread.currentThread().getName());
	}

}
