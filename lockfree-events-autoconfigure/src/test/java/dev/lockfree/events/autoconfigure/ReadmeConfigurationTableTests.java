package dev.lockfree.events.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the configuration table of the project's {@code README.md} true to the configuration metadata that
 * {@code spring-boot-configuration-processor} generates from {@link LockFreeEventsProperties}: every
 * {@code lockfree.events.*} property, with the same default, and nothing else.
 *
 * <p>The table is the one under the README's {@code ## Configuration} heading (up to the next {@code ## }
 * heading): one row per property, the name in backticks in the first column and the default in backticks in
 * the second, or no backticks at all when the property has no default. Paths are relative to this module's
 * directory, surefire's working directory.
 */
class ReadmeConfigurationTableTests {

	private static final Path README = Path.of("../README.md");

	private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

	private static final String PREFIX = "lockfree.events.";

	private static final String CONFIGURATION_HEADING = "## Configuration";

	private static final String NO_DEFAULT = "(no default)";

	private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|([^|]*)\\|");

	private static final Pattern CODE = Pattern.compile("`([^`]*)`");

	@Test
	void tableListsEveryPropertyOfTheMetadataWithItsDefault() throws IOException {
		Map<String, String> metadata = metadataDefaults();
		assertThat(metadata).as("lockfree.events.* properties in " + METADATA).hasSizeGreaterThanOrEqualTo(10);
		assertThat(tableDefaults()).as("README configuration table (name -> default)").containsAllEntriesOf(metadata);
	}

	@Test
	void tableListsNoPropertyTheMetadataDoesNotHave() throws IOException {
		assertThat(tableDefaults().keySet()).as("README configuration table")
			.isSubsetOf(metadataDefaults().keySet());
	}

	@Test
	void tableListsEachPropertyOnce() throws IOException {
		assertThat(tableRows()).extracting((row) -> row[0]).doesNotHaveDuplicates();
	}

	private static Map<String, String> metadataDefaults() throws IOException {
		List<Map<String, Object>> properties = JsonPath.read(Files.readString(METADATA, StandardCharsets.UTF_8),
				"$.properties[*]");
		Map<String, String> defaults = new LinkedHashMap<>();
		for (Map<String, Object> property : properties) {
			String name = (String) property.get("name");
			if (name.startsWith(PREFIX)) {
				Object value = property.get("defaultValue");
				defaults.put(name, (value != null) ? String.valueOf(value) : NO_DEFAULT);
			}
		}
		return defaults;
	}

	private static Map<String, String> tableDefaults() throws IOException {
		Map<String, String> defaults = new LinkedHashMap<>();
		for (String[] row : tableRows()) {
			defaults.put(row[0], row[1]);
		}
		return defaults;
	}

	/** Name and default of each row of the configuration table, in order. */
	private static List<String[]> tableRows() throws IOException {
		List<String[]> rows = new ArrayList<>();
		boolean inSection = false;
		for (String line : Files.readAllLines(README, StandardCharsets.UTF_8)) {
			if (line.startsWith("## ")) {
				inSection = line.strip().equals(CONFIGURATION_HEADING);
				continue;
			}
			Matcher row = ROW.matcher(line);
			if (inSection && row.find()) {
				Matcher code = CODE.matcher(row.group(2));
				rows.add(new String[] { row.group(1), code.find() ? code.group(1) : NO_DEFAULT });
			}
		}
		assertThat(rows).as("rows of the table under '" + CONFIGURATION_HEADING + "' in " + README).isNotEmpty();
		return rows;
	}

}
