package com.example.orders;

import java.math.BigDecimal;

/**
 * The body of {@code POST /orders}.
 *
 * @param customer who places the order
 * @param amount its total, more than zero
 */
public record OrderRequest(String customer, BigDecimal amount) {
}
