package com.example.orders;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order as stored.
 *
 * @param id the order id
 * @param customer who placed it
 * @param amount its total
 * @param placedAt when it was placed
 */
public record Order(String id, String customer, BigDecimal amount, Instant placedAt) {
}
