package dev.wsboot.protocol.frame;

/**
 * Frame opcodes (RFC 6455 section 5.2), as the {@code int}s the wire carries: plain
 * constants rather than an enum, so the parser hands them on without a lookup and
 * reserved values can still be reported.
 */
public final class Opcode {

	/** A continuation of a fragmented message. */
	public static final int CONTINUATION = 0x0;

	/** The first frame of a text message. */
	public static final int TEXT = 0x1;

	/** The first frame of a binary message. */
	public static final int BINARY = 0x2;

	/** A close frame. */
	public static final int CLOSE = 0x8;

	/** A ping frame. */
	public static final int PING = 0x9;

	/** A pong frame. */
	public static final int PONG = 0xA;

	private Opcode() {
	}

	/**
	 * Returns whether an opcode is in the control range, 0x8 to 0xF, defined or not.
	 * @param opcode the opcode, 0 to 15
	 * @return {@code true} for close, ping, pong and the reserved control opcodes
	 */
	public static boolean isControl(int opcode) {
		return (opcode & 0x8) != 0;
	}

	/**
	 * Returns whether RFC 6455 defines an opcode.
	 * @param opcode the opcode, 0 to 15
	 * @return {@code false} for the reserved opcodes 0x3 to 0x7 and 0xB to 0xF
	 */
	public static boolean isDefined(int opcode) {
		return switch (opcode) {
			case CONTINUATION, TEXT, BINARY, CLOSE, PING, PONG -> true;
			default -> false;
		};
	}

	/**
	 * Returns an opcode's name, for logs and error messages.
	 * @param opcode the opcode
	 * @return the name, for example {@code TEXT}, or {@code RESERVED(0x3)} for an
	 * undefined opcode
	 */
	public static String name(int opcode) {
		return switch (opcode) {
			case CONTINUATION -> "CONTINUATION";
			case TEXT -> "TEXT";
			case BINARY -> "BINARY";
			case CLOSE -> "CLOSE";
			case PING -> "PING";
			case PONG -> "PONG";
			default -> String.format("RESERVED(0x%X)", opcode);
		};
	}

}
