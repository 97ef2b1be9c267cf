package dev.wsboot.protocol;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * Hex for tests: frames are written as the RFC writes them, {@code "81 05 48 65"}.
 */
public final class Hex {

	private static final HexFormat FORMAT = HexFormat.of();

	private Hex() {
	}

	/**
	 * Parses hex digits, ignoring spaces.
	 * @param hex the digits, for example {@code "81 05 48 65"}
	 * @return the bytes
	 */
	public static byte[] bytes(String hex) {
		return FORMAT.parseHex(hex.replace(" ", ""));
	}

	/**
	 * Formats the bytes from a buffer's position to its limit, leaving the buffer as it
	 * was.
	 * @param buffer the bytes
	 * @return lower-case hex digits, without spaces
	 */
	public static String of(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(buffer.position(), bytes);
		return FORMAT.formatHex(bytes);
	}

	/**
	 * Formats bytes.
	 * @param bytes the bytes
	 * @return lower-case hex digits, without spaces
	 */
	public static String of(byte[] bytes) {
		return FORMAT.formatHex(bytes);
	}

}
