package dev.wsboot.demo;

import org.jspecify.annotations.Nullable;

/**
 * Cleans text that came from a client before the demo keeps or forwards it: control and
 * invisible formatting characters (bidirectional overrides, for example) go, runs of
 * white space become one space, and the result is trimmed. Length is counted in code
 * points, so an emoji counts once. Escaping for HTML is the page's job, not this one's:
 * the server forwards plain text inside JSON.
 */
public final class ClientText {

	private static final int ZERO_WIDTH_JOINER = 0x200D;

	private ClientText() {
	}

	/**
	 * Cleans text from a client.
	 * @param text the text as received, possibly {@code null}
	 * @return the cleaned text, empty when nothing is left
	 */
	public static String clean(@Nullable String text) {
		if (text == null) {
			return "";
		}
		StringBuilder cleaned = new StringBuilder(text.length());
		boolean pendingSpace = false;
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			i += Character.charCount(codePoint);
			if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
				pendingSpace = !cleaned.isEmpty();
			}
			else if (isAllowed(codePoint)) {
				if (pendingSpace) {
					cleaned.append(' ');
					pendingSpace = false;
				}
				cleaned.appendCodePoint(codePoint);
			}
		}
		return cleaned.toString();
	}

	/**
	 * Returns the length of text in code points.
	 * @param text the text
	 * @return its length in code points
	 */
	public static int length(String text) {
		return text.codePointCount(0, text.length());
	}

	private static boolean isAllowed(int codePoint) {
		return switch (Character.getType(codePoint)) {
			case Character.CONTROL, Character.SURROGATE, Character.UNASSIGNED, Character.PRIVATE_USE,
					Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
				false;
			// Keeps the joiner inside emoji sequences; drops direction overrides and
			// zero-width spaces used to disguise text.
			case Character.FORMAT -> codePoint == ZERO_WIDTH_JOINER;
			default -> true;
		};
	}

}
