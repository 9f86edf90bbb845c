package com.example.orders;

/**
 * The follow-up event of {@link OrderPlaced} that {@link LoyaltyProgram} returns.
 *
 * @param orderId the order that earned the points
 * @param customer who earned them
 * @param points how many
 */
public record LoyaltyPointsAwarded(String orderId, String customer, long points) {
}
