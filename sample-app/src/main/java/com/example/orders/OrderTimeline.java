package com.example.orders;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records the states each order went through. {@link OrderStatusChanged} is a {@code KeyedEvent}: all its
 * asynchronous listeners run on the lane its order id hashes to, so the changes of one order arrive in the order
 * they were published ({@code PLACED} by {@link OrderService}, then {@code CONFIRMED} by {@link Fulfilment}, on
 * the same request thread).
 */
@Component
public class OrderTimeline {

	private final Map<String, List<OrderStatus>> statuses = new ConcurrentHashMap<>();

	private final Set<String> threadNames = ConcurrentHashMap.newKeySet();

	@EventListener
	public void record(OrderStatusChanged change) {
		this.threadNames.add(Thread.currentThread().getName());
		this.statuses.computeIfAbsent(change.orderId(), (id) -> new CopyOnWriteArrayList<>()).add(change.status());
	}

	/** The states the order went through, in order; empty for an unknown order. */
	public List<OrderStatus> statusesOf(String orderId) {
		List<OrderStatus> list = this.statuses.get(orderId);
		return (list != null) ? List.copyOf(list) : List.of();
	}

	/** The threads the recording ran on. */
	public Set<String> threadNames() {
		return new TreeSet<>(this.threadNames);
	}

}
