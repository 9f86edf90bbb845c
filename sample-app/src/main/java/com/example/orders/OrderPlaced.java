package com.example.orders;

/**
 * Published (as a payload) when an order has been stored, inside the transaction that stores it.
 *
 * @param order the order
 */
public record OrderPlaced(Order order) {
}
