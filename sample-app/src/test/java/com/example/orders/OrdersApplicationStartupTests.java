package com.example.orders;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the orders service as {@code java -jar} does and reads what it tells a newcomer.
 */
@ExtendWith(OutputCaptureExtension.class)
class OrdersApplicationStartupTests {

	@Test
	void startupLogSaysWhereToLookOnTheActualPort(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(OrdersApplication.class)
			.run("--server.port=0")) {
			String port = context.getEnvironment().getProperty("local.server.port");
			assertThat(port).isNotBlank().isNotEqualTo("0");
			assertThat(output).contains("Orders service ready")
				.contains("POST http://localhost:" + port + "/orders")
				.contains("http://localhost:" + port + "/actuator/events");
		}
	}

}
