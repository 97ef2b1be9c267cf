package dev.wsboot.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * An endpoint's path template, such as {@code /chat} or {@code /rooms/{room}}: literal
 * segments and variables that each match one whole, non-empty segment. Immutable.
 */
final class PathTemplate {

	private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	/**
	 * Orders templates so that the more specific comes first: at the first segment where
	 * one has a literal and the other a variable, the literal wins.
	 */
	static final Comparator<PathTemplate> MOST_SPECIFIC_FIRST = PathTemplate::compareSpecificity;

	private final String template;

	/** Literal text per segment, {@code null} where the segment is a variable. */
	private final @Nullable String[] literals;

	/** Variable name per segment, {@code null} where the segment is literal. */
	private final @Nullable String[] names;

	private final List<String> variables;

	private PathTemplate(String template, @Nullable String[] literals, @Nullable String[] names,
			List<String> variables) {
		this.template = template;
		this.literals = literals;
		this.names = names;
		this.variables = variables;
	}

	/**
	 * Parses a template.
	 * @param template the template
	 * @return the parsed template
	 * @throws IllegalArgumentException naming what is wrong with it
	 */
	static PathTemplate parse(String template) {
		if (!template.startsWith("/")) {
			throw new IllegalArgumentException("path template '" + template + "' must start with '/'");
		}
		if (template.indexOf('?') >= 0 || template.indexOf('#') >= 0) {
			throw new IllegalArgumentException("path template '" + template + "' must not contain '?' or '#'");
		}
		String[] segments = template.substring(1).split("/", -1);
		@Nullable String[] literals = new String[segments.length];
		@Nullable String[] names = new String[segments.length];
		List<String> variables = new ArrayList<>();
		for (int i = 0; i < segments.length; i++) {
			String segment = segments[i];
			if (segment.startsWith("{") && segment.endsWith("}") && segment.length() > 1) {
				String name = segment.substring(1, segment.length() - 1);
				if (!VARIABLE_NAME.matcher(name).matches()) {
					throw new IllegalArgumentException("path template '" + template + "' has an invalid variable name '"
							+ name + "': use letters, digits and '_'");
				}
				if (variables.contains(name)) {
					throw new IllegalArgumentException(
							"path template '" + template + "' uses the variable '" + name + "' twice");
				}
				variables.add(name);
				names[i] = name;
			}
			else if (segment.indexOf('{') >= 0 || segment.indexOf('}') >= 0) {
				throw new IllegalArgumentException("path template '" + template + "' has the segment '" + segment
						+ "': a variable must be a whole segment, like '{name}'");
			}
			else {
				literals[i] = segment;
			}
		}
		return new PathTemplate(template, literals, names, Collections.unmodifiableList(variables));
	}

	/**
	 * Returns the template as written.
	 * @return the template
	 */
	String template() {
		return this.template;
	}

	/**
	 * Returns the variables' names, in order.
	 * @return the variable names
	 */
	List<String> variables() {
		return this.variables;
	}

	/**
	 * Returns whether the template has variables.
	 * @return {@code false} when it matches exactly one path
	 */
	boolean hasVariables() {
		return !this.variables.isEmpty();
	}

	/**
	 * Returns a key that two templates share exactly when they match the same paths, for
	 * example {@code /rooms/{}} for both {@code /rooms/{a}} and {@code /rooms/{b}}.
	 * @return the template's shape
	 */
	String shape() {
		StringBuilder shape = new StringBuilder();
		for (String literal : this.literals) {
			shape.append('/').append((literal != null) ? literal : "{}");
		}
		return shape.toString();
	}

	/**
	 * Matches a request path.
	 * @param path the raw request path, without the query
	 * @return the variables' percent-decoded values, or {@code null} when the path does
	 * not match
	 */
	@Nullable Map<String, String> match(String path) {
		if (!hasVariables()) {
			return this.template.equals(path) ? Map.of() : null;
		}
		if (!path.startsWith("/")) {
			return null;
		}
		String[] segments = path.substring(1).split("/", -1);
		if (segments.length != this.literals.length) {
			return null;
		}
		for (int i = 0; i < segments.length; i++) {
			String literal = this.literals[i];
			if (literal != null ? !literal.equals(segments[i]) : segments[i].isEmpty()) {
				return null;
			}
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < segments.length; i++) {
			String name = this.names[i];
			if (name != null) {
				try {
					values.put(name, StringUtils.uriDecode(segments[i], StandardCharsets.UTF_8));
				}
				catch (IllegalArgumentException ex) {
					return null;
				}
			}
		}
		return Collections.unmodifiableMap(values);
	}

	private static int compareSpecificity(PathTemplate a, PathTemplate b) {
		int length = Math.min(a.literals.length, b.literals.length);
		for (int i = 0; i < length; i++) {
			boolean aLiteral = a.literals[i] != null;
			boolean bLiteral = b.literals[i] != null;
			if (aLiteral != bLiteral) {
				return aLiteral ? -1 : 1;
			}
		}
		int byLength = Integer.compare(b.literals.length, a.literals.length);
		return (byLength != 0) ? byLength : a.template.compareTo(b.template);
	}

	@Override
	public String toString() {
		return this.template;
	}

}
