package com.example.orders;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Counts orders and revenue per customer, off the publishing thread (asynchronous by configuration). Like
 * {@link CustomerNotifications}, it counts what was published, rejected orders included.
 */
@Component
public class SalesAnalytics {

	private final LongAdder orders = new LongAdder();

	private final Map<String, BigDecimal> revenueByCustomer = new ConcurrentHashMap<>();

	private final Set<String> threadNames = ConcurrentHashMap.newKeySet();

	@EventListener
	public void count(OrderPlaced placed) {
		this.threadNames.add(Thread.currentThread().getName());
		this.revenueByCustomer.merge(placed.order().customer(), placed.order().amount(), BigDecimal::add);
		this.orders.increment();
	}

	/** What has been counted so far. */
	public Summary summary() {
		return new Summary(this.orders.sum(), new TreeMap<>(this.revenueByCustomer), new TreeSet<>(this.threadNames));
	}

	/**
	 * Counts so far.
	 *
	 * @param orders orders counted
	 * @param revenueByCustomer their total amount per customer
	 * @param threadNames the threads the counting ran on
	 */
	public record Summary(long orders, Map<String, BigDecimal> revenueByCustomer, Set<String> threadNames) {
	}

}
