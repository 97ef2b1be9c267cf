package dev.wsboot.endpoint;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PathTemplateTests {

	@Test
	void literalTemplateMatchesOnlyItself() {
		PathTemplate template = PathTemplate.parse("/chat");
		assertThat(template.hasVariables()).isFalse();
		assertThat(template.match("/chat")).isEmpty();
		assertThat(template.match("/chat/")).isNull();
		assertThat(template.match("/Chat")).isNull();
		assertThat(template.match("/chat/x")).isNull();
	}

	@Test
	void rootTemplateMatchesRoot() {
		PathTemplate template = PathTemplate.parse("/");
		assertThat(template.match("/")).isEmpty();
		assertThat(template.match("/x")).isNull();
	}

	@Test
	void variableMatchesOneSegment() {
		PathTemplate template = PathTemplate.parse("/rooms/{room}");
		assertThat(template.variables()).containsExactly("room");
		assertThat(template.match("/rooms/lobby")).containsExactly(entry("room", "lobby"));
		assertThat(template.match("/rooms/lobby/x")).isNull();
		assertThat(template.match("/rooms")).isNull();
		assertThat(template.match("/rooms/")).isNull();
		assertThat(template.match("/hall/lobby")).isNull();
	}

	@Test
	void severalVariablesAndLiterals() {
		PathTemplate template = PathTemplate.parse("/games/{game}/players/{player}");
		assertThat(template.match("/games/7/players/ann")).containsExactly(entry("game", "7"), entry("player", "ann"));
		assertThat(template.match("/games/7/viewers/ann")).isNull();
	}

	@Test
	void variableValuesArePercentDecodedButPlusIsKept() {
		PathTemplate template = PathTemplate.parse("/rooms/{room}");
		assertThat(template.match("/rooms/caf%C3%A9%20au+lait")).containsExactly(entry("room", "café au+lait"));
	}

	@Test
	void invalidPercentEncodingDoesNotMatch() {
		assertThat(PathTemplate.parse("/rooms/{room}").match("/rooms/%zz")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "chat", "", "/rooms/{}", "/rooms/{room", "/rooms/room}", "/rooms/x{room}", "/a/{x}/{x}",
			"/rooms/{1room}", "/chat?x=1" })
	void rejectsInvalidTemplates(String template) {
		assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse(template))
			.withMessageContaining("'" + template + "'");
	}

	@Test
	void shapeIgnoresVariableNames() {
		assertThat(PathTemplate.parse("/rooms/{a}").shape()).isEqualTo(PathTemplate.parse("/rooms/{b}").shape());
		assertThat(PathTemplate.parse("/rooms/{a}").shape()).isNotEqualTo(PathTemplate.parse("/rooms/a").shape());
	}

	@Test
	void literalSegmentIsMoreSpecificThanVariable() {
		List<PathTemplate> templates = new ArrayList<>(
				List.of(PathTemplate.parse("/{a}/{b}"), PathTemplate.parse("/{a}/x"), PathTemplate.parse("/x/{b}")));
		templates.sort(PathTemplate.MOST_SPECIFIC_FIRST);
		assertThat(templates).extracting(PathTemplate::template).containsExactly("/x/{b}", "/{a}/x", "/{a}/{b}");
	}

	private static java.util.Map.Entry<String, String> entry(String key, String value) {
		return java.util.Map.entry(key, value);
	}

}
