package dev.lockfree.events.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small reader for the JSON JMH writes with {@code -rf json}: objects become {@link LinkedHashMap}s
 * (key order kept), arrays {@link ArrayList}s, numbers {@link Double}s, and {@code true}, {@code false},
 * {@code null} themselves. JMH writes non-finite numbers as strings ({@code "NaN"}); {@link #number(Object)}
 * reads both forms.
 */
final class JsonReader {

	private final String text;

	private int position;

	private JsonReader(String text) {
		this.text = text;
	}

	/**
	 * Parse a whole JSON document.
	 * @param text the document
	 * @return the top-level value
	 * @throws IllegalArgumentException if the text is not valid JSON
	 */
	static Object parse(String text) {
		JsonReader reader = new JsonReader(text);
		Object value = reader.value();
		reader.skipWhitespace();
		if (reader.position != text.length()) {
			throw reader.error("end of document");
		}
		return value;
	}

	/**
	 * A number read from a parsed value: a {@link Number}, or a string such as {@code "NaN"}.
	 * @param value the parsed value, may be {@code null}
	 * @return the number, {@link Double#NaN} if there is none
	 */
	static double number(Object value) {
		if (value instanceof Number number) {
			return number.doubleValue();
		}
		if (value instanceof String string) {
			try {
				return Double.parseDouble(string);
			}
			catch (NumberFormatException ex) {
				return Double.NaN;
			}
		}
		return Double.NaN;
	}

	private Object value() {
		skipWhitespace();
		if (this.position >= this.text.length()) {
			throw error("a value");
		}
		char c = this.text.charAt(this.position);
		return switch (c) {
			case '{' -> object();
			case '[' -> array();
			case '"' -> string();
			case 't' -> literal("true", Boolean.TRUE);
			case 'f' -> literal("false", Boolean.FALSE);
			case 'n' -> literal("null", null);
			default -> number();
		};
	}

	private Map<String, Object> object() {
		Map<String, Object> object = new LinkedHashMap<>();
		this.position++;
		skipWhitespace();
		if (peek() == '}') {
			this.position++;
			return object;
		}
		while (true) {
			skipWhitespace();
			if (peek() != '"') {
				throw error("a member name");
			}
			String name = string();
			skipWhitespace();
			expect(':');
			object.put(name, value());
			skipWhitespace();
			if (peek() == ',') {
				this.position++;
			}
			else {
				expect('}');
				return object;
			}
		}
	}

	private List<Object> array() {
		List<Object> array = new ArrayList<>();
		this.position++;
		skipWhitespace();
		if (peek() == ']') {
			this.position++;
			return array;
		}
		while (true) {
			array.add(value());
			skipWhitespace();
			if (peek() == ',') {
				this.position++;
			}
			else {
				expect(']');
				return array;
			}
		}
	}

	private String string() {
		expect('"');
		StringBuilder string = new StringBuilder();
		while (true) {
			if (this.position >= this.text.length()) {
				throw error("a closing quote");
			}
			char c = this.text.charAt(this.position++);
			if (c == '"') {
				return string.toString();
			}
			if (c != '\\') {
				string.append(c);
				continue;
			}
			if (this.position >= this.text.length()) {
				throw error("an escape");
			}
			char escape = this.text.charAt(this.position++);
			switch (escape) {
				case '"', '\\', '/' -> string.append(escape);
				case 'b' -> string.append('\b');
				case 'f' -> string.append('\f');
				case 'n' -> string.append('\n');
				case 'r' -> string.append('\r');
				case 't' -> string.append('\t');
				case 'u' -> {
					if (this.position + 4 > this.text.length()) {
						throw error("four hex digits");
					}
					string.append((char) Integer.parseInt(this.text.substring(this.position, this.position + 4), 16));
					this.position += 4;
				}
				default -> throw error("a valid escape");
			}
		}
	}

	private Double number() {
		int start = this.position;
		while (this.position < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.position)) >= 0) {
			this.position++;
		}
		if (start == this.position) {
			throw error("a value");
		}
		try {
			return Double.valueOf(this.text.substring(start, this.position));
		}
		catch (NumberFormatException ex) {
			this.position = start;
			throw error("a number");
		}
	}

	private Object literal(String word, Object value) {
		if (!this.text.startsWith(word, this.position)) {
			throw error("'" + word + "'");
		}
		this.position += word.length();
		return value;
	}

	private void expect(char c) {
		if (peek() != c) {
			throw error("'" + c + "'");
		}
		this.position++;
	}

	private char peek() {
		return (this.position < this.text.length()) ? this.text.charAt(this.position) : '\0';
	}

	private void skipWhitespace() {
		while (this.position < this.text.length() && Character.isWhitespace(this.text.charAt(this.position))) {
			this.position++;
		}
	}

	private IllegalArgumentException error(String expected) {
		return new IllegalArgumentException("Invalid JSON at character " + this.position + ": expected " + expected);
	}

}
