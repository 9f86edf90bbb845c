package com.example.orders;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /load?events=1000000&threads=4}: publishes a burst and answers with throughput and latency
 * percentiles ({@link LoadGenerator}).
 */
@RestController
public class LoadController {

	private final LoadGenerator generator;

	public LoadController(LoadGenerator generator) {
		this.generator = generator;
	}

	@PostMapping("/load")
	public LoadGenerator.LoadReport load(@RequestParam(defaultValue = "100000") int events,
			@RequestParam(defaultValue = "4") int threads) throws InterruptedException {
		return this.generator.run(events, threads);
	}

	@ExceptionHandler
	public ProblemDetail badRequest(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler
	public ProblemDetail busy(IllegalStateException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

}
