package dev.lockfree.events.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.lockfree.events.latency.LatencyRow;

import static dev.lockfree.events.report.ReportFixtures.parse;
import static dev.lockfree.events.report.ReportFixtures.simple;
import static org.assertj.core.api.Assertions.assertThat;

class ChartsTests {

	@Test
	void throughputChartHasABarPerSubjectOtherThanTheBaseline() {
		String svg = Charts.throughput(JmhResult.all(parse(simple("SyncMulticastBenchmark.multicast", "lockfree", 40, 0),
				simple("SyncMulticastBenchmark.multicast", "spring", 10, 0),
				simple("SyncMulticastBenchmark.multicast", "loop", 80, 0),
				simple("Unrelated.method", "alone", 1, 0))));
		assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>\n");
		assertThat(svg).contains("SyncMulticastBenchmark.multicast (1 thread) vs spring")
			.contains("<title>lockfree: 4.00×</title>")
			.contains("<title>loop: 8.00×</title>")
			.doesNotContain("Unrelated")
			.doesNotContain("<title>spring:");
		assertThat(count(svg, "<rect x=")).isEqualTo(2);
	}

	@Test
	void latencyChartHasFourPercentileBarsPerSubjectAndALinePerSteppedSubject() {
		Map<String, List<LatencyRow>> byModel = new LinkedHashMap<>();
		byModel.put("constant", List.of(GoalsTests.latency("lockfree", 20), GoalsTests.latency("spring-async", 150)));
		byModel.put("stepped", List.of(stepped("lockfree", 0, 1000, 10), stepped("lockfree", 1, 10_000, 900),
				stepped("spring-async", 0, 1000, 50), stepped("spring-async", 1, 10_000, 90_000)));
		String svg = Charts.latency(byModel);
		assertThat(svg).contains("constant, 20,000 events/s")
			.contains("<title>lockfree p99: 20.0 µs</title>")
			.contains("<title>spring-async max: 600.0 µs</title>")
			.contains("stepped: p99 per step");
		assertThat(count(svg, "<title>lockfree ")).isEqualTo(4);
		assertThat(count(svg, "<polyline")).isEqualTo(2);
	}

	@Test
	void textIsEscaped() {
		assertThat(Charts.escape("a<b & \"c\">")).isEqualTo("a&lt;b &amp; &quot;c&quot;&gt;");
	}

	private static LatencyRow stepped(String subject, int step, long rate, double p99) {
		return new LatencyRow("stepped", subject, step, rate, rate, rate, 0, 0, 0, p99 / 2, p99, p99, p99, "");
	}

	private static int count(String text, String part) {
		int count = 0;
		for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
			count++;
		}
		return count;
	}

}
