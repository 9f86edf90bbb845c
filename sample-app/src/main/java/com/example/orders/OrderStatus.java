package com.example.orders;

/**
 * The states an order goes through.
 */
public enum OrderStatus {

	/** Stored, transaction not yet committed. */
	PLACED,

	/** Committed and handed to fulfilment. */
	CONFIRMED

}
