package dev.wsboot.protocol.handshake;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * The header fields of an HTTP message: immutable, in the order they were added, with
 * names compared ignoring ASCII case and any name allowed more than once. Names keep the
 * spelling they were added with.
 */
public final class HttpHeaders {

	private static final HttpHeaders EMPTY = new HttpHeaders(new String[0], new String[0]);

	// Parallel arrays, scanned: a handshake has a dozen or two fields, too few for a
	// hash to beat comparing lengths first, and a scan allocates nothing.
	private final String[] names;

	private final String[] values;

	private HttpHeaders(String[] names, String[] values) {
		this.names = names;
		this.values = values;
	}

	/**
	 * Returns headers with no fields.
	 * @return the empty headers
	 */
	public static HttpHeaders empty() {
		return EMPTY;
	}

	/**
	 * Returns a builder for new headers.
	 * @return an empty builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the value of the first field with the given name.
	 * @param name the field name, in any case
	 * @return the value, or {@code null} if there is no such field
	 */
	public String first(String name) {
		for (int i = 0; i < this.names.length; i++) {
			if (this.names[i].equalsIgnoreCase(name)) {
				return this.values[i];
			}
		}
		return null;
	}

	/**
	 * Returns the value of the field with the given name if it occurs exactly once, as
	 * the handshake requires of Host, Sec-WebSocket-Key and others.
	 * @param name the field name, in any case
	 * @return the value, or {@code null} if the field is missing or repeated
	 */
	String only(String name) {
		String only = null;
		for (int i = 0; i < this.names.length; i++) {
			if (this.names[i].equalsIgnoreCase(name)) {
				if (only != null) {
					return null;
				}
				only = this.values[i];
			}
		}
		return only;
	}

	/**
	 * Returns the values of every field with the given name, in order.
	 * @param name the field name, in any case
	 * @return the values, empty if there is no such field
	 */
	public List<String> all(String name) {
		List<String> all = new ArrayList<>(2);
		for (int i = 0; i < this.names.length; i++) {
			if (this.names[i].equalsIgnoreCase(name)) {
				all.add(this.values[i]);
			}
		}
		return List.copyOf(all);
	}

	/**
	 * Returns whether there is a field with the given name.
	 * @param name the field name, in any case
	 * @return whether at least one such field exists
	 */
	public boolean contains(String name) {
		return first(name) != null;
	}

	/**
	 * Returns the elements of the comma-separated lists in every field with the given
	 * name, in order: {@code Connection: keep-alive, Upgrade} gives {@code keep-alive}
	 * and {@code Upgrade}. Elements are trimmed and empty ones skipped (RFC 9110 section
	 * 5.6.1). Meant for lists of tokens; quoted strings with commas in them are not
	 * understood.
	 * @param name the field name, in any case
	 * @return the elements, empty if there is no such field
	 */
	public List<String> tokens(String name) {
		List<String> tokens = new ArrayList<>(4);
		for (int i = 0; i < this.names.length; i++) {
			if (this.names[i].equalsIgnoreCase(name)) {
				addElements(this.values[i], tokens);
			}
		}
		return List.copyOf(tokens);
	}

	/**
	 * Returns whether the comma-separated lists in the fields with the given name contain
	 * an element equal to the given token, ignoring ASCII case. Does what
	 * {@code tokens(name)} and a search would, without allocating.
	 * @param name the field name, in any case
	 * @param token the element to look for, for example {@code upgrade}
	 * @return whether some field lists the token
	 */
	public boolean containsToken(String name, String token) {
		for (int i = 0; i < this.names.length; i++) {
			if (this.names[i].equalsIgnoreCase(name) && listContains(this.values[i], token)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns the distinct field names, each spelled as it first occurred, in order of
	 * first occurrence.
	 * @return the names
	 */
	public List<String> names() {
		List<String> names = new ArrayList<>(this.names.length);
		for (int i = 0; i < this.names.length; i++) {
			if (indexOf(this.names[i]) == i) {
				names.add(this.names[i]);
			}
		}
		return List.copyOf(names);
	}

	/**
	 * Passes every field to the given action, in order, repeated names included.
	 * @param action receives each field's name and value
	 */
	public void forEach(BiConsumer<String, String> action) {
		for (int i = 0; i < this.names.length; i++) {
			action.accept(this.names[i], this.values[i]);
		}
	}

	/**
	 * Returns the number of fields, repeated names counted each time.
	 * @return the number of fields
	 */
	public int size() {
		return this.names.length;
	}

	/**
	 * Returns whether there are no fields.
	 * @return whether the headers are empty
	 */
	public boolean isEmpty() {
		return this.names.length == 0;
	}

	/**
	 * Returns whether another object is headers with the same fields in the same order,
	 * names compared ignoring case and values exactly.
	 * @param other the object to compare with
	 * @return whether the headers are equal
	 */
	@Override
	public boolean equals(Object other) {
		if (!(other instanceof HttpHeaders that) || this.names.length != that.names.length) {
			return false;
		}
		for (int i = 0; i < this.names.length; i++) {
			if (!this.names[i].equalsIgnoreCase(that.names[i]) || !this.values[i].equals(that.values[i])) {
				return false;
			}
		}
		return true;
	}

	@Override
	public int hashCode() {
		int hash = 1;
		for (int i = 0; i < this.names.length; i++) {
			hash = 31 * (31 * hash + this.names[i].toLowerCase(Locale.ROOT).hashCode()) + this.values[i].hashCode();
		}
		return hash;
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("[");
		for (int i = 0; i < this.names.length; i++) {
			text.append((i > 0) ? ", " : "").append(this.names[i]).append(": ").append(this.values[i]);
		}
		return text.append(']').toString();
	}

	private int indexOf(String name) {
		for (int i = 0; i < this.names.length; i++) {
			if (this.names[i].equalsIgnoreCase(name)) {
				return i;
			}
		}
		return -1;
	}

	private static void addElements(String list, List<String> elements) {
		int start = 0;
		while (start <= list.length()) {
			int end = elementEnd(list, start);
			int from = trimStart(list, start, end);
			int to = trimEnd(list, from, end);
			if (from < to) {
				elements.add(list.substring(from, to));
			}
			start = end + 1;
		}
	}

	private static boolean listContains(String list, String token) {
		int start = 0;
		while (start <= list.length()) {
			int end = elementEnd(list, start);
			int from = trimStart(list, start, end);
			int to = trimEnd(list, from, end);
			if (from < to && to - from == token.length() && list.regionMatches(true, from, token, 0, token.length())) {
				return true;
			}
			start = end + 1;
		}
		return false;
	}

	private static int elementEnd(String list, int start) {
		int comma = list.indexOf(',', start);
		return (comma >= 0) ? comma : list.length();
	}

	private static int trimStart(String s, int from, int to) {
		while (from < to && HttpSyntax.isWhitespace(s.charAt(from))) {
			from++;
		}
		return from;
	}

	private static int trimEnd(String s, int from, int to) {
		while (to > from && HttpSyntax.isWhitespace(s.charAt(to - 1))) {
			to--;
		}
		return to;
	}

	/**
	 * Collects fields for new {@link HttpHeaders}. Not for use by several threads.
	 */
	public static final class Builder {

		private String[] names = new String[16];

		private String[] values = new String[16];

		private int size;

		private Builder() {
		}

		/**
		 * Adds a field after those already added, keeping any with the same name.
		 * @param name the field name, a token
		 * @param value the field value: no line breaks or other control characters, and
		 * no leading or trailing whitespace
		 * @return this builder
		 * @throws IllegalArgumentException if the name or the value could not be sent as
		 * they are
		 */
		public Builder add(String name, String value) {
			HttpSyntax.requireHeader(name, value);
			return addValid(name, value);
		}

		/**
		 * Adds a field that the caller has already validated, as the parsers do byte by
		 * byte.
		 */
		Builder addValid(String name, String value) {
			if (this.size == this.names.length) {
				this.names = Arrays.copyOf(this.names, this.size * 2);
				this.values = Arrays.copyOf(this.values, this.size * 2);
			}
			this.names[this.size] = name;
			this.values[this.size] = value;
			this.size++;
			return this;
		}

		/**
		 * Returns headers with the fields added so far.
		 * @return the headers
		 */
		public HttpHeaders build() {
			return new HttpHeaders(Arrays.copyOf(this.names, this.size), Arrays.copyOf(this.values, this.size));
		}

	}

}
