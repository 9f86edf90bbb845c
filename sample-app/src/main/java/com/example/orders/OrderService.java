package com.example.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places orders. Each order is stored and announced in one transaction; the customer's credit limit is checked
 * last, against a total that includes the new order, so an order over the limit rolls back after its events
 * were published. Listeners that must only see committed orders are {@code @TransactionalEventListener}s
 * ({@link Fulfilment}); the others see what was published.
 */
@Service
public class OrderService {

	private final OrderRepository orders;

	private final ApplicationEventPublisher events;

	private final BigDecimal creditLimit;

	public OrderService(OrderRepository orders, ApplicationEventPublisher events,
			@Value("${orders.credit-limit:10000}") BigDecimal creditLimit) {
		this.orders = orders;
		this.events = events;
		this.creditLimit = creditLimit;
	}

	/**
	 * Store the order and publish {@link OrderPlaced} and {@link OrderStatusChanged}.
	 * @throws OrderRejectedException when the request is invalid or the customer's total exceeds the credit
	 * limit (the transaction is rolled back)
	 */
	@Transactional
	public Order place(OrderRequest request) {
		if (request.customer() == null || request.customer().isBlank()) {
			throw new OrderRejectedException(null, "customer is required");
		}
		if (request.amount() == null || request.amount().signum() <= 0) {
			throw new OrderRejectedException(null, "amount must be more than 0");
		}
		Order order = new Order(UUID.randomUUID().toString(), request.customer(), request.amount(), Instant.now());
		this.orders.insert(order);
		this.events.publishEvent(new OrderPlaced(order));
		this.events.publishEvent(new OrderStatusChanged(order.id(), OrderStatus.PLACED));
		BigDecimal total = this.orders.totalOf(order.customer());
		if (total.compareTo(this.creditLimit) > 0) {
			throw new OrderRejectedException(order.id(), "orders of " + order.customer() + " would total " + total
					+ ", over the credit limit of " + this.creditLimit);
		}
		return order;
	}

}
