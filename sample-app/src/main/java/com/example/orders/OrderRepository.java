package com.example.orders;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Orders and their audit trail in the {@code orders} and {@code order_audit} tables ({@code schema.sql}).
 * Runs in the caller's transaction, if any.
 */
@Repository
public class OrderRepository {

	private static final RowMapper<Order> ORDER = (rs, row) -> new Order(rs.getString("id"),
			rs.getString("customer"), rs.getBigDecimal("amount"), rs.getTimestamp("placed_at").toInstant());

	private final JdbcTemplate jdbc;

	public OrderRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(Order order) {
		this.jdbc.update("insert into orders (id, customer, amount, placed_at) values (?, ?, ?, ?)", order.id(),
				order.customer(), order.amount(), Timestamp.from(order.placedAt()));
	}

	public Optional<Order> findById(String id) {
		return this.jdbc.query("select * from orders where id = ?", ORDER, id).stream().findFirst();
	}

	/** The total of the customer's orders, the one being placed included when in its transaction. */
	public BigDecimal totalOf(String customer) {
		return this.jdbc.queryForObject("select coalesce(sum(amount), 0) from orders where customer = ?",
				BigDecimal.class, customer);
	}

	public void insertAudit(String orderId, String action, String threadName) {
		this.jdbc.update("insert into order_audit (order_id, action, thread_name) values (?, ?, ?)", orderId,
				action, threadName);
	}

	/** The audit trail of an order, oldest first. */
	public List<AuditEntry> auditOf(String orderId) {
		return this.jdbc.query("select action, thread_name from order_audit where order_id = ? order by id",
				(rs, row) -> new AuditEntry(rs.getString("action"), rs.getString("thread_name")), orderId);
	}

	/**
	 * One row of an order's audit trail.
	 *
	 * @param action what happened
	 * @param threadName the thread that wrote it
	 */
	public record AuditEntry(String action, String threadName) {
	}

}
