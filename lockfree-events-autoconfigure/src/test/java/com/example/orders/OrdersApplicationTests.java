package com.example.orders;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.example.orders.OrdersApplication.OrderPlaced;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.AbstractApplicationContext;

import dev.lockfree.events.LockFreeApplicationEventMulticaster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts {@link OrdersApplication} on a random port and reads the {@code events} endpoint and the
 * {@code lockfree.events.published} metric over HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=events,metrics")
class OrdersApplicationTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationEventPublisher publisher;

	@Autowired
	private ConfigurableApplicationContext context;

	@Autowired
	private OrdersApplication.OrderLog orderLog;

	@Test
	void contextUsesTheLockFreeMulticaster() {
		assertThat(this.context.getBean(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME))
			.isInstanceOf(LockFreeApplicationEventMulticaster.class);
	}

	@Test
	void eventsEndpointDescribesPublishedEvents() throws Exception {
		this.publisher.publishEvent(new OrderPlaced("o-1"));
		this.publisher.publishEvent(new OrderPlaced("o-2"));
		assertThat(this.orderLog.orderIds).contains("o-1", "o-2");
		HttpResponse<String> response = get("/actuator/events");
		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext json = JsonPath.parse(response.body());
		assertThat(json.read("$.mode", String.class)).isEqualTo("sync");
		assertThat(json.read("$.options.capacity", Integer.class)).isEqualTo(4096);
		assertThat(json.read("$.totals.published", Long.class)).isGreaterThanOrEqualTo(2);
		List<Number> published = json.read("$.eventTypes[?(@.eventType == '" + OrderPlaced.class.getName()
				+ "')].published");
		assertThat(published).singleElement().satisfies((count) -> assertThat(count.longValue()).isGreaterThanOrEqualTo(2));
		List<String> listenerIds = json.read("$.listeners[*].id");
		assertThat(listenerIds).anySatisfy((id) -> assertThat(id).contains("OrderLog"));
	}

	@Test
	void eventsEndpointSelectsOneEventType() throws Exception {
		this.publisher.publishEvent(new OrderPlaced("o-3"));
		HttpResponse<String> response = get("/actuator/events/" + OrderPlaced.class.getName());
		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext json = JsonPath.parse(response.body());
		assertThat(json.read("$.eventType", String.class)).isEqualTo(OrderPlaced.class.getName());
		assertThat(json.read("$.published", Long.class)).isPositive();
		assertThat(json.read("$.listenerIds", List.class)).isNotEmpty();
	}

	@Test
	void eventsEndpointAnswersNotFoundForAnUnknownEventType() throws Exception {
		assertThat(get("/actuator/events/com.example.NeverPublished").statusCode()).isEqualTo(404);
	}

	@Test
	void publishedMetricCountsEvents() throws Exception {
		double before = publishedCount();
		this.publisher.publishEvent(new OrderPlaced("o-4"));
		assertThat(publishedCount()).isGreaterThanOrEqualTo(before + 1);
	}

	private double publishedCount() throws IOException, InterruptedException {
		HttpResponse<String> response = get("/actuator/metrics/lockfree.events.published");
		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext json = JsonPath.parse(response.body());
		assertThat(json.read("$.description", String.class)).isNotBlank();
		assertThat(json.read("$.availableTags[*].tag", List.class)).contains("dispatch");
		return json.read("$.measurements[?(@.statistic == 'COUNT')].value", List.class)
			.stream()
			.mapToDouble((value) -> ((Number) value).doubleValue())
			.sum();
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
