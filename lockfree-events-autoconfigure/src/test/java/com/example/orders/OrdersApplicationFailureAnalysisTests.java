package com.example.orders;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Starts {@link OrdersApplication} with bad {@code lockfree.events.*} values and reads the failure report that
 * Spring Boot prints.
 */
@ExtendWith(OutputCaptureExtension.class)
class OrdersApplicationFailureAnalysisTests {

	@Test
	void capacityThatIsNotAPowerOfTwoIsReportedWithTheAllowedValues(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("lockfree.events.ring.capacity=1000"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: lockfree.events.ring.capacity")
			.contains("Value: \"1000\"")
			.contains("a power of two");
	}

	@Test
	void unknownOverflowPolicyIsReportedWithTheAllowedValues(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("lockfree.events.ring.overflow=discard"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: lockfree.events.ring.overflow")
			.contains("Value: \"discard\"")
			.contains("Origin: ")
			.contains("one of block, caller-runs, drop, fail");
	}

	private static void run(String property) {
		new SpringApplicationBuilder(OrdersApplication.class).properties("server.port=0", property).run().close();
	}

}
