package com.example.orders;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A small web application, outside the library's packages, that uses lockfree-events the way users do: through
 * auto-configuration.
 */
@SpringBootApplication
public class OrdersApplication {

	/** An application event published as a payload. */
	public record OrderPlaced(String orderId) {
	}

	@Component
	static class OrderLog {

		final List<String> orderIds = new CopyOnWriteArrayList<>();

		@EventListener
		void on(OrderPlaced order) {
			this.orderIds.add(order.orderId());
		}

	}

}
