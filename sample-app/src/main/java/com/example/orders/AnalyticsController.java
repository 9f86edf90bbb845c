package com.example.orders;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /analytics}: what {@link SalesAnalytics} has counted.
 */
@RestController
public class AnalyticsController {

	private final SalesAnalytics analytics;

	public AnalyticsController(SalesAnalytics analytics) {
		this.analytics = analytics;
	}

	@GetMapping("/analytics")
	public SalesAnalytics.Summary analytics() {
		return this.analytics.summary();
	}

}
