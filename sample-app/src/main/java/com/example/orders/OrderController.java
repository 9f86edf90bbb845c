package com.example.orders;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /orders} places an order; {@code GET /orders/{id}} shows it with what the listeners made of it.
 */
@RestController
@RequestMapping("/orders")
public class OrderController {

	private final OrderService service;

	private final OrderRepository orders;

	private final OrderTimeline timeline;

	public OrderController(OrderService service, OrderRepository orders, OrderTimeline timeline) {
		this.service = service;
		this.orders = orders;
		this.timeline = timeline;
	}

	@PostMapping
	public ResponseEntity<Order> place(@RequestBody OrderRequest request) {
		Order order = this.service.place(request);
		return ResponseEntity.created(URI.create("/orders/" + order.id())).body(order);
	}

	@GetMapping("/{id}")
	public ResponseEntity<OrderView> get(@PathVariable String id) {
		return this.orders.findById(id)
			.map((order) -> new OrderView(order, this.timeline.statusesOf(id), this.orders.auditOf(id)))
			.map(ResponseEntity::ok)
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	@ExceptionHandler
	public ProblemDetail rejected(OrderRejectedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		problem.setTitle("Order rejected");
		if (ex.getOrderId() != null) {
			problem.setProperty("orderId", ex.getOrderId());
		}
		return problem;
	}

	/**
	 * An order with its status history ({@link OrderTimeline}) and audit trail ({@link AuditLog}).
	 *
	 * @param order the order
	 * @param statuses the states it went through, in order
	 * @param audit its audit rows
	 */
	public record OrderView(Order order, List<OrderStatus> statuses, List<OrderRepository.AuditEntry> audit) {
	}

}
