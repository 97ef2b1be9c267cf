package dev.wsboot.protocol.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import dev.wsboot.protocol.ProtocolException;
import dev.wsboot.protocol.close.CloseCodes;

/**
 * Reads frames (RFC 6455 section 5.2) from bytes as they arrive and reports them to a
 * {@link FrameListener}. A frame may arrive one byte at a time, and one buffer may hold
 * many frames: {@link #parse(ByteBuffer)} takes whatever the last read produced.
 * <p>
 * Payload is neither copied nor buffered: it is handed to the listener as parts of the
 * input buffer. A masked payload is unmasked <em>in place</em>, in the input buffer,
 * before the listener sees it, so the input of a masked frame must be writable. Header
 * bytes split across reads are kept in a few fields; nothing is allocated per frame.
 * <p>
 * The parser checks structure only: the minimal length encoding, and that a 64-bit length
 * has its most significant bit clear (both answered with 1002). Everything else (masking,
 * RSV bits, opcodes, control frame rules, limits) is the listener's policy.
 * <p>
 * A {@link ProtocolException} or any other exception, from the parser or its listener,
 * fails the parser: the connection cannot be resynchronised, so later calls to
 * {@code parse} throw {@link IllegalStateException}. An instance belongs to one
 * connection and is not thread-safe.
 */
public final class FrameParser {

	// States: FRAME_START is "between frames"; each other state names what is read next.
	private static final int FRAME_START = 0;

	private static final int SECOND_BYTE = 1;

	private static final int EXTENDED_LENGTH = 2;

	private static final int MASK_KEY = 3;

	private static final int PAYLOAD = 4;

	private static final int FAILED = 5;

	// The 7-bit length values that announce a 16-bit or a 64-bit length.
	private static final int LENGTH_16 = 126;

	private static final int LENGTH_64 = 127;

	private final FrameListener listener;

	private int state = FRAME_START;

	private int firstByte;

	private int lengthCode;

	private boolean masked;

	private long payloadLength;

	// The length or mask key bytes still to read, while they trickle in.
	private int pending;

	private int maskKey;

	private int maskOffset;

	private long payloadRemaining;

	private boolean paused;

	/**
	 * Creates a parser for one connection.
	 * @param listener receives the frames
	 */
	public FrameParser(FrameListener listener) {
		this.listener = listener;
	}

	/**
	 * Reads all the bytes from the buffer's position to its limit, reporting what they
	 * complete to the listener. On return, normal or exceptional, the buffer's position
	 * is its limit, unless the listener {@linkplain #pause() paused} the parser. Masked
	 * payload is unmasked in place in the buffer.
	 * @param in the next bytes from the connection; writable if frames are masked
	 * @throws ProtocolException if the frame structure is broken, or if the listener
	 * rejects a frame
	 * @throws IllegalStateException if the parser has failed before
	 */
	public void parse(ByteBuffer in) {
		if (this.state == FAILED) {
			throw new IllegalStateException("The frame parser has failed; the connection must be closed");
		}
		int limit = in.limit();
		boolean done = false;
		this.paused = false;
		try {
			while (in.position() < limit && !this.paused) {
				switch (this.state) {
					case FRAME_START -> {
						if (!readWholeHeader(in, limit)) {
							this.firstByte = in.get() & 0xFF;
							this.state = SECOND_BYTE;
						}
					}
					case SECOND_BYTE -> readSecondByte(in.get());
					case EXTENDED_LENGTH -> readLengthByte(in.get());
					case MASK_KEY -> readMaskKeyByte(in.get());
					case PAYLOAD -> readPayload(in, limit);
					// Every other state reads a byte; looping here without one would
					// never end.
					default -> throw new IllegalStateException("Unexpected parser state " + this.state);
				}
			}
			done = true;
		}
		finally {
			if (!done) {
				this.state = FAILED;
			}
			in.limit(limit);
			if (!this.paused || !done) {
				in.position(limit);
			}
		}
	}

	/**
	 * Makes the running {@link #parse(ByteBuffer)} return as soon as the listener's
	 * current callback does, with the buffer's position at the first byte not yet read:
	 * parsing those bytes later, in a buffer of their own or not, goes on where this
	 * stopped. For a listener that must stop consuming input, the way a connection's
	 * reader stops when it hands the connection to another thread.
	 */
	public void pause() {
		this.paused = true;
	}

	/**
	 * Returns whether the parser is between frames, holding no part of one.
	 * @return {@code true} before the first byte of a frame; {@code false} within a frame
	 * or once the parser has failed
	 */
	public boolean isIdle() {
		return this.state == FRAME_START;
	}

	/**
	 * Returns whether the parser has failed, after which it reads nothing more.
	 * @return {@code true} once a {@code parse} has thrown
	 */
	public boolean isFailed() {
		return this.state == FAILED;
	}

	/**
	 * Reads a frame's header in one go if the buffer holds all of it, the common case;
	 * otherwise reads nothing, leaving the header to the byte-at-a-time states.
	 */
	private boolean readWholeHeader(ByteBuffer in, int limit) {
		int at = in.position();
		if (limit - at < 2) {
			return false;
		}
		int secondByte = in.get(at + 1);
		int code = secondByte & 0x7F;
		int lengthBytes = (code < LENGTH_16) ? 0 : (code == LENGTH_16) ? 2 : 8;
		boolean isMasked = secondByte < 0;
		int headerLength = 2 + lengthBytes + (isMasked ? 4 : 0);
		if (limit - at < headerLength) {
			return false;
		}
		long length = switch (lengthBytes) {
			case 0 -> code;
			case 2 -> ((in.get(at + 2) & 0xFF) << 8) | (in.get(at + 3) & 0xFF);
			default -> bigEndianLong(in, at + 2);
		};
		checkLength(code, length);
		this.firstByte = in.get(at) & 0xFF;
		this.masked = isMasked;
		this.payloadLength = length;
		this.maskKey = isMasked ? bigEndianInt(in, at + 2 + lengthBytes) : 0;
		in.position(at + headerLength);
		headerRead();
		return true;
	}

	private void readSecondByte(byte secondByte) {
		this.masked = secondByte < 0;
		this.lengthCode = secondByte & 0x7F;
		if (this.lengthCode < LENGTH_16) {
			this.payloadLength = this.lengthCode;
			lengthRead();
		}
		else {
			this.payloadLength = 0;
			this.pending = (this.lengthCode == LENGTH_16) ? 2 : 8;
			this.state = EXTENDED_LENGTH;
		}
	}

	private void readLengthByte(byte b) {
		this.payloadLength = (this.payloadLength << 8) | (b & 0xFF);
		if (--this.pending == 0) {
			checkLength(this.lengthCode, this.payloadLength);
			lengthRead();
		}
	}

	private void lengthRead() {
		this.maskKey = 0;
		if (this.masked) {
			this.pending = 4;
			this.state = MASK_KEY;
		}
		else {
			headerRead();
		}
	}

	private void readMaskKeyByte(byte b) {
		this.maskKey = (this.maskKey << 8) | (b & 0xFF);
		if (--this.pending == 0) {
			headerRead();
		}
	}

	private void headerRead() {
		int b = this.firstByte;
		this.payloadRemaining = this.payloadLength;
		this.maskOffset = 0;
		this.state = (this.payloadLength != 0) ? PAYLOAD : FRAME_START;
		this.listener.onFrameHeader((b & 0x80) != 0, b & 0x70, b & 0x0F, this.masked, this.payloadLength);
		if (this.payloadLength == 0) {
			this.listener.onFrameEnd();
		}
	}

	private void readPayload(ByteBuffer in, int limit) {
		int from = in.position();
		int count = (int) Math.min(limit - from, this.payloadRemaining);
		int to = from + count;
		if (this.masked) {
			this.maskOffset = Masking.mask(in, from, to, this.maskKey, this.maskOffset);
		}
		this.payloadRemaining -= count;
		in.limit(to);
		this.listener.onFramePayload(in);
		in.limit(limit);
		in.position(to);
		if (this.payloadRemaining == 0) {
			this.state = FRAME_START;
			this.listener.onFrameEnd();
		}
	}

	/**
	 * Applies section 5.2's structural rules to an extended length: "the minimal number
	 * of bytes MUST be used to encode the length", and a 64-bit length has its most
	 * significant bit clear.
	 */
	private static void checkLength(int code, long length) {
		if (code == LENGTH_16 && length < LENGTH_16) {
			throw new ProtocolException(CloseCodes.PROTOCOL_ERROR,
					"Payload length " + length + " encoded in 16 bits, not 7");
		}
		if (code == LENGTH_64) {
			if (length < 0) {
				throw new ProtocolException(CloseCodes.PROTOCOL_ERROR,
						"64-bit payload length has its most significant bit set");
			}
			if (length <= 0xFFFF) {
				throw new ProtocolException(CloseCodes.PROTOCOL_ERROR,
						"Payload length " + length + " encoded in 64 bits, not 16 or 7");
			}
		}
	}

	private static long bigEndianLong(ByteBuffer in, int index) {
		long value = in.getLong(index);
		return (in.order() == ByteOrder.BIG_ENDIAN) ? value : Long.reverseBytes(value);
	}

	private static int bigEndianInt(ByteBuffer in, int index) {
		int value = in.getInt(index);
		return (in.order() == ByteOrder.BIG_ENDIAN) ? value : Integer.reverseBytes(value);
	}

}
