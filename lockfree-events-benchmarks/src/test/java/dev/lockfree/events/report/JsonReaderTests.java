package dev.lockfree.events.report;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JsonReaderTests {

	@Test
	@SuppressWarnings("unchecked")
	void readsObjectsArraysAndLiteralsKeepingMemberOrder() {
		Object value = JsonReader.parse("{ \"b\": [1, 2.5e3, -0.5], \"a\": {\"t\": true, \"f\": false, \"n\": null} }");
		assertThat(value).isInstanceOf(Map.class);
		Map<String, Object> object = (Map<String, Object>) value;
		assertThat(object.keySet()).containsExactly("b", "a");
		assertThat((List<Object>) object.get("b")).containsExactly(1.0, 2500.0, -0.5);
		assertThat((Map<String, Object>) object.get("a")).containsEntry("t", true)
			.containsEntry("f", false)
			.containsEntry("n", null);
	}

	@Test
	void readsStringEscapes() {
		assertThat(JsonReader.parse("\"a\\\"b\\\\c\\/d\\n\\u00e9\"")).isEqualTo("a\"b\\c/d\né");
	}

	@Test
	void readsNumbersWrittenAsStrings() {
		assertThat(JsonReader.number("NaN")).isNaN();
		assertThat(JsonReader.number("12.5")).isEqualTo(12.5);
		assertThat(JsonReader.number(3.0)).isEqualTo(3.0);
		assertThat(JsonReader.number(null)).isNaN();
	}

	@Test
	void rejectsTrailingText() {
		assertThatIllegalArgumentException().isThrownBy(() -> JsonReader.parse("[1] 2")).withMessageContaining("end");
	}

	@Test
	void rejectsUnterminatedArray() {
		assertThatIllegalArgumentException().isThrownBy(() -> JsonReader.parse("[1, 2"));
	}

}
