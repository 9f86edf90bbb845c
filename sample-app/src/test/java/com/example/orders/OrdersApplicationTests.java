package com.example.orders;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.example.orders.CustomerNotifications.Notification;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts the orders service on a random port with its own {@code application.yml} (async mode) and uses it over
 * HTTP as a newcomer would: places orders, then checks what each listener did and on which thread, reads the
 * {@code events} endpoint and the {@code lockfree.events.published} metric, and runs a small load burst.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OrdersApplicationTests {

	private static final String LANE_THREAD = "lockfree-events-";

	private static final Duration ASYNC_TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@LocalServerPort
	private int port;

	@Autowired
	private OrderRepository orders;

	@Autowired
	private CustomerNotifications notifications;

	@Autowired
	private SalesAnalytics analytics;

	@Autowired
	private LargeOrderReview review;

	@Autowired
	private Fulfilment fulfilment;

	@Autowired
	private OrderTimeline timeline;

	@Test
	void placedOrderReachesEveryListenerEachOnItsThread() throws Exception {
		String customer = uniqueCustomer("ada");
		HttpResponse<String> response = placeOrder(customer, "1200.0");
		assertThat(response.statusCode()).isEqualTo(201);
		String orderId = JsonPath.parse(response.body()).read("$.id", String.class);
		assertThat(response.headers().firstValue("Location")).hasValue("/orders/" + orderId);

		// Synchronous (@ListenerDispatch(SYNC)): written on the request thread, in the order's transaction
		assertThat(this.orders.auditOf(orderId)).singleElement()
			.satisfies((entry) -> assertThat(entry.threadName()).doesNotStartWith(LANE_THREAD));
		// After commit: done before the response was sent, on the request thread, and the row was committed
		assertThat(this.fulfilment.confirmed().list()).filteredOn((c) -> c.orderId().equals(orderId))
			.singleElement()
			.satisfies((confirmation) -> {
				assertThat(confirmation.visibleToOtherConnections()).isTrue();
				assertThat(confirmation.threadName()).doesNotStartWith(LANE_THREAD);
			});

		await().atMost(ASYNC_TIMEOUT).untilAsserted(() -> {
			// Asynchronous: the notification, and the one for the follow-up event LoyaltyProgram returned
			assertThat(notificationsOf(orderId)).extracting(Notification::text)
				.containsExactlyInAnyOrder("we received your order of 1200.0", "you earned 1200 loyalty points");
			assertThat(this.analytics.summary().revenueByCustomer()).containsEntry(customer, new BigDecimal("1200.0"));
			// The condition holds for 1200
			assertThat(this.review.orderIds().list()).contains(orderId);
			// Keyed by order id: PLACED (from OrderService) before CONFIRMED (from Fulfilment)
			assertThat(this.timeline.statusesOf(orderId)).containsExactly(OrderStatus.PLACED, OrderStatus.CONFIRMED);
		});
		assertThat(notificationsOf(orderId)).allSatisfy((n) -> assertThat(n.threadName()).startsWith(LANE_THREAD));
		assertThat(this.analytics.summary().threadNames()).allSatisfy((t) -> assertThat(t).startsWith(LANE_THREAD));
		assertThat(this.timeline.threadNames()).allSatisfy((t) -> assertThat(t).startsWith(LANE_THREAD));

		DocumentContext view = JsonPath.parse(get("/orders/" + orderId).body());
		assertThat(view.read("$.statuses", List.class)).containsExactly("PLACED", "CONFIRMED");
		assertThat(view.read("$.audit[*].action", List.class)).containsExactly("placed 1200.0");
	}

	@Test
	void orderBelowTheThresholdIsNotQueuedForReview() throws Exception {
		String customer = uniqueCustomer("grace");
		String small = JsonPath.parse(placeOrder(customer, "20").body()).read("$.id", String.class);
		String large = JsonPath.parse(placeOrder(customer, "1000").body()).read("$.id", String.class);
		// Both deliveries go to the review listener's one lane, the small one offered before the large one's
		// request started: once the large one is handled, the small one has been, and its condition was false.
		await().atMost(ASYNC_TIMEOUT).until(() -> this.review.orderIds().list().contains(large));
		assertThat(this.review.orderIds().list()).doesNotContain(small);
	}

	@Test
	void rejectedOrderRollsBackAndNeverReachesTheAfterCommitListener() throws Exception {
		HttpResponse<String> response = placeOrder(uniqueCustomer("bob"), "50000");
		assertThat(response.statusCode()).isEqualTo(422);
		DocumentContext problem = JsonPath.parse(response.body());
		assertThat(problem.read("$.detail", String.class)).contains("over the credit limit");
		String orderId = problem.read("$.orderId", String.class);

		// The events were published inside the transaction before it failed: plain listeners saw them
		await().atMost(ASYNC_TIMEOUT).untilAsserted(() -> {
			assertThat(notificationsOf(orderId)).extracting(Notification::text)
				.contains("we received your order of 50000");
			assertThat(this.timeline.statusesOf(orderId)).containsExactly(OrderStatus.PLACED);
		});
		// The transactional listener would have run before the response: it never did, so nothing was confirmed
		assertThat(this.fulfilment.confirmed().list()).noneMatch((c) -> c.orderId().equals(orderId));
		assertThat(this.timeline.statusesOf(orderId)).doesNotContain(OrderStatus.CONFIRMED);
		// The order and the synchronous audit row rolled back together
		assertThat(this.orders.findById(orderId)).isEmpty();
		assertThat(this.orders.auditOf(orderId)).isEmpty();
		assertThat(get("/orders/" + orderId).statusCode()).isEqualTo(404);
	}

	@Test
	void invalidOrderIsRejectedBeforeAnythingIsPublished() throws Exception {
		HttpResponse<String> response = placeOrder(" ", "10");
		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(JsonPath.parse(response.body()).read("$.detail", String.class)).isEqualTo("customer is required");
		assertThat(response.body()).doesNotContain("orderId");
	}

	@Test
	void eventsEndpointShowsWhereEachListenerRuns() throws Exception {
		assertThat(placeOrder(uniqueCustomer("linus"), "10").statusCode()).isEqualTo(201);
		HttpResponse<String> response = get("/actuator/events");
		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext events = JsonPath.parse(response.body());
		assertThat(events.read("$.mode", String.class)).isEqualTo("async");
		assertThat(events.read("$.options.overflow", String.class)).isEqualTo("block");
		assertThat(dispatchOf(events, "AuditLog.record")).isEqualTo("sync");
		assertThat(dispatchOf(events, "Fulfilment.confirm")).isEqualTo("sync");
		assertThat(dispatchOf(events, "CustomerNotifications.orderReceived")).isEqualTo("async");
		assertThat(dispatchOf(events, "SalesAnalytics.count")).isEqualTo("async");
		assertThat(dispatchOf(events, "OrderTimeline.record")).isEqualTo("async");
		List<String> orderPlacedListeners = events
			.read("$.eventTypes[?(@.eventType == '" + OrderPlaced.class.getName() + "')].listenerIds[*]");
		assertThat(orderPlacedListeners).hasSize(6);
		assertThat(events.read("$.totals.publishedAsync", Long.class)).isPositive();
	}

	@Test
	void publishedMetricCountsAsyncEvents() throws Exception {
		assertThat(placeOrder(uniqueCustomer("edsger"), "10").statusCode()).isEqualTo(201);
		HttpResponse<String> response = get("/actuator/metrics/lockfree.events.published?tag=dispatch:async");
		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext metric = JsonPath.parse(response.body());
		List<Number> counts = metric.read("$.measurements[?(@.statistic == 'COUNT')].value");
		assertThat(counts).singleElement().satisfies((count) -> assertThat(count.doubleValue()).isPositive());
	}

	@Test
	void loadEndpointReportsThroughputAndLatencyPercentiles() throws Exception {
		HttpResponse<String> response = post("/load?events=2000&threads=2", "");
		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext report = JsonPath.parse(response.body());
		assertThat(report.read("$.events", Integer.class)).isEqualTo(2000);
		assertThat(report.read("$.threads", Integer.class)).isEqualTo(2);
		assertThat(report.read("$.handled", Long.class)).isEqualTo(2000);
		assertThat(report.read("$.rejected", Long.class)).isZero();
		assertThat(report.read("$.handledPerSecond", Long.class)).isPositive();
		for (String latency : List.of("publishMicros", "publishToHandledMicros")) {
			assertThat(report.read("$." + latency + ".count", Long.class)).isEqualTo(2000);
			double p50 = report.read("$." + latency + ".p50", Double.class);
			double p99 = report.read("$." + latency + ".p99", Double.class);
			double max = report.read("$." + latency + ".max", Double.class);
			assertThat(p50).isPositive().isLessThanOrEqualTo(p99);
			assertThat(p99).isLessThanOrEqualTo(max);
		}
	}

	@Test
	void loadEndpointRejectsAnEmptyBurst() throws Exception {
		HttpResponse<String> response = post("/load?events=0", "");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("events must be from 1 to");
	}

	private static String uniqueCustomer(String name) {
		return name + "-" + UUID.randomUUID();
	}

	private List<Notification> notificationsOf(String orderId) {
		return this.notifications.sent().list().stream().filter((n) -> n.orderId().equals(orderId)).toList();
	}

	private static String dispatchOf(DocumentContext events, String listenerMethod) {
		List<String> dispatch = events.read("$.listeners[?(@.id =~ /.*\\." + listenerMethod + "\\(.*/)].dispatch");
		assertThat(dispatch).as(listenerMethod).hasSize(1);
		return dispatch.get(0);
	}

	private HttpResponse<String> placeOrder(String customer, String amount) throws IOException, InterruptedException {
		return post("/orders", "{\"customer\":\"" + customer + "\",\"amount\":" + amount + "}");
	}

	private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(request(path).GET());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(30));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
