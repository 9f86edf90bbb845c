package com.example.orders;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Confirms orders once their transaction has committed, and never for an order that rolled back. Transactional
 * listeners always run on the publishing thread, whatever the dispatch mode (they hook into the publisher's
 * transaction). To show that the order is committed, it reads it back through a connection of its own, which
 * cannot see uncommitted rows; then it publishes {@link OrderStatus#CONFIRMED}.
 */
@Component
public class Fulfilment {

	private final DataSource dataSource;

	private final ApplicationEventPublisher events;

	private final RecentItems<Confirmation> confirmed = new RecentItems<>(1000);

	public Fulfilment(DataSource dataSource, ApplicationEventPublisher events) {
		this.dataSource = dataSource;
		this.events = events;
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	public void confirm(OrderPlaced placed) throws SQLException {
		String orderId = placed.order().id();
		this.confirmed
			.add(new Confirmation(orderId, isVisibleToOtherConnections(orderId), Thread.currentThread().getName()));
		this.events.publishEvent(new OrderStatusChanged(orderId, OrderStatus.CONFIRMED));
	}

	private boolean isVisibleToOtherConnections(String orderId) throws SQLException {
		// DataSource.getConnection(), not DataSourceUtils: a pooled connection of its own, outside the transaction
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement query = connection.prepareStatement("select count(*) from orders where id = ?")) {
			query.setString(1, orderId);
			try (ResultSet result = query.executeQuery()) {
				return result.next() && result.getLong(1) == 1;
			}
		}
	}

	/** The last orders confirmed. */
	public RecentItems<Confirmation> confirmed() {
		return this.confirmed;
	}

	/**
	 * A confirmed order.
	 *
	 * @param orderId the order
	 * @param visibleToOtherConnections whether another connection could read it, i.e. it was committed
	 * @param threadName the thread that confirmed it
	 */
	public record Confirmation(String orderId, boolean visibleToOtherConnections, String threadName) {
	}

}
