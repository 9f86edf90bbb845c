package com.example.orders;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells customers about their orders and points (here: a log line and a list of what was sent). Slow work that
 * the publisher should not wait for: with {@code lockfree.events.mode=async} it runs on a lane's worker thread.
 * It sees every published order, rejected ones included, because it is not transactional.
 */
@Component
public class CustomerNotifications {

	private static final Log logger = LogFactory.getLog(CustomerNotifications.class);

	private final RecentItems<Notification> sent = new RecentItems<>(1000);

	@EventListener
	public void orderReceived(OrderPlaced placed) {
		Order order = placed.order();
		send(order.customer(), order.id(), "we received your order of " + order.amount());
	}

	@EventListener
	public void pointsAwarded(LoyaltyPointsAwarded awarded) {
		send(awarded.customer(), awarded.orderId(), "you earned " + awarded.points() + " loyalty points");
	}

	private void send(String customer, String orderId, String text) {
		String thread = Thread.currentThread().getName();
		logger.info("To " + customer + ": " + text + " (order " + orderId + ", sent on " + thread + ")");
		this.sent.add(new Notification(customer, orderId, text, thread));
	}

	/** The last notifications sent, oldest first. */
	public RecentItems<Notification> sent() {
		return this.sent;
	}

	/**
	 * A notification as sent.
	 *
	 * @param customer to whom
	 * @param orderId about which order
	 * @param text what it said
	 * @param threadName the thread that sent it
	 */
	public record Notification(String customer, String orderId, String text, String threadName) {
	}

}
