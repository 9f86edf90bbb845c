package com.example.orders;

/**
 * Thrown when an order breaks a business rule; its transaction rolls back.
 */
public class OrderRejectedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String orderId;

	public OrderRejectedException(String orderId, String message) {
		super(message);
		this.orderId = orderId;
	}

	/** The id the rejected order had been given, {@code null} if it was rejected before it got one. */
	public String getOrderId() {
		return this.orderId;
	}

}
