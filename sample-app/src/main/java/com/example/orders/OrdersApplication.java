package com.example.orders;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * An orders service whose application events go through lockfree-events: the starter is its only link to the
 * library, and every listener is written as any Spring listener is.
 *
 * <p>Placing an order ({@code POST /orders}) publishes {@link OrderPlaced} inside a transaction; its listeners
 * show each kind of dispatch: {@link AuditLog} (synchronous, in the transaction), {@link CustomerNotifications}
 * and {@link SalesAnalytics} (asynchronous, on the lanes), {@link LargeOrderReview} (a condition),
 * {@link LoyaltyProgram} (returns a follow-up event), {@link Fulfilment} (after commit) and
 * {@link OrderTimeline} (a {@code KeyedEvent}, in order per order id). {@code POST /load} measures the
 * multicaster under a burst ({@link LoadGenerator}).
 */
@SpringBootApplication
public class OrdersApplication {

	private static final Log logger = LogFactory.getLog(OrdersApplication.class);

	public static void main(String[] args) {
		SpringApplication.run(OrdersApplication.class, args);
	}

	/** Tell whoever started the application where to look. */
	@EventListener
	void logWhereToLook(ApplicationReadyEvent ready) {
		String port = ready.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
		String base = "http://localhost:" + port;
		logger.info("Orders service ready: place an order with POST " + base + "/orders (JSON body "
				+ "{\"customer\":\"ada\",\"amount\":120.0}), watch the events at " + base + "/actuator/events, "
				+ "measure a burst with POST " + base + "/load?events=1000000&threads=4");
	}

}
