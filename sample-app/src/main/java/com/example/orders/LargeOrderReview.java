package com.example.orders;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Queues orders of 1000 or more for a manual review. The SpEL {@code condition} is evaluated where the listener
 * runs (here a lane), for each event; orders below the threshold never reach the method.
 */
@Component
public class LargeOrderReview {

	private static final Log logger = LogFactory.getLog(LargeOrderReview.class);

	private final RecentItems<String> orderIds = new RecentItems<>(1000);

	@EventListener(condition = "#placed.order().amount() >= 1000")
	public void review(OrderPlaced placed) {
		logger.info("Order " + placed.order().id() + " of " + placed.order().amount() + " queued for review");
		this.orderIds.add(placed.order().id());
	}

	/** The ids of the last orders queued for review. */
	public RecentItems<String> orderIds() {
		return this.orderIds;
	}

}
