package com.example.orders;

import java.math.RoundingMode;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Awards one point per whole unit of an order's amount. The listener returns its result as a follow-up event,
 * which Spring publishes for it ({@link CustomerNotifications} tells the customer).
 */
@Component
public class LoyaltyProgram {

	@EventListener
	public LoyaltyPointsAwarded award(OrderPlaced placed) {
		Order order = placed.order();
		long points = order.amount().setScale(0, RoundingMode.DOWN).longValueExact();
		return new LoyaltyPointsAwarded(order.id(), order.customer(), points);
	}

}
