package dev.wsboot.protocol.message;

import java.nio.ByteBuffer;
import java.util.List;

import dev.wsboot.protocol.ProtocolException;
import dev.wsboot.protocol.Role;
import dev.wsboot.protocol.close.CloseCodes;
import dev.wsboot.protocol.close.CloseStatus;
import dev.wsboot.protocol.extension.Extension;
import dev.wsboot.protocol.frame.FrameListener;
import dev.wsboot.protocol.frame.Opcode;
import dev.wsboot.protocol.text.Utf8Validator;

/**
 * Applies the rules of RFC 6455 section 5 to the frames of one connection and delivers
 * whole messages, and control frames as they come, to a {@link MessageListener}. A
 * violation throws a {@link ProtocolException} with the close code to answer it with:
 * <ul>
 * <li>1002: a frame masked when it must not be or not masked when it must be; RSV bits
 * that no negotiated extension owns, or extension bits on a continuation or control
 * frame; a reserved opcode; a control frame that is fragmented or over 125 bytes; a
 * continuation with no message in progress, or a new data message before the last one
 * ended; a bad close payload (see {@link CloseStatus#decode(ByteBuffer)}).</li>
 * <li>1007: a text message that is not UTF-8, found at the first invalid byte, as it
 * arrives, or at the end of the message if it stops in the middle of a character; a close
 * reason that is not UTF-8.</li>
 * <li>1009: a frame over {@code maxFrameSize} or a message over {@code maxMessageSize},
 * found at the frame's header, before any of its payload is kept; for a message an
 * extension decodes, as soon as its decoded bytes exceed {@code maxMessageSize}.</li>
 * </ul>
 * A frame that arrives whole, unfragmented and without extension bits is delivered
 * straight from the input, without a copy. Other messages are gathered in a buffer no
 * larger than {@code maxMessageSize}, dropped once delivered, so that an idle connection
 * holds none. Once the peer's close frame has been delivered, later frames are ignored:
 * the peer must send nothing after it.
 * <p>
 * An assembler belongs to one connection and is not thread-safe. After it has thrown, the
 * connection is to be failed; only {@link #release()} remains to be called.
 */
public final class MessageAssembler implements FrameListener {

	// The message opcode between messages.
	private static final int NONE = -1;

	private static final int MAX_CONTROL_PAYLOAD = 125;

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

	/**
	 * The first room a message buffer gets, unless the message is known to be smaller.
	 */
	private static final int MIN_ROOM = 16 * 1024;

	private final boolean expectMasked;

	private final int maxFrameSize;

	private final int maxMessageSize;

	private final Extension[] extensions;

	private final int extensionBits;

	private final MessageListener listener;

	private final Utf8Validator utf8 = new Utf8Validator();

	// One sink for the connection's life, so decoding allocates none per message.
	private final Extension.PayloadSink decodedSink = this::appendDecoded;

	// The frame being read.
	private int frameOpcode;

	private boolean frameFin;

	private long frameLength;

	private long frameReceived;

	// Whether the frame's payload has already gone to the listener, straight from the
	// input.
	private boolean frameDelivered;

	// The message in progress, NONE between messages.
	private int messageOpcode = NONE;

	private Extension messageExtension;

	// Bytes announced by the message's frame headers so far or, for a message an
	// extension decodes, bytes decoded so far.
	private long messageLength;

	private ByteBuffer messageBuffer;

	private ByteBuffer controlBuffer;

	private boolean closed;

	/**
	 * Creates an assembler for one connection.
	 * @param role the end of the connection this is; a server expects masked frames, a
	 * client unmasked ones
	 * @param maxFrameSize the largest frame payload accepted, in bytes
	 * @param maxMessageSize the largest message accepted, in bytes, after an extension's
	 * decoding if any
	 * @param extensions the extensions negotiated for the connection, each owning
	 * distinct RSV bits; they are used, not released, by this assembler
	 * @param listener receives the messages
	 * @throws IllegalArgumentException if a size is not positive or two extensions own
	 * the same RSV bit
	 */
	public MessageAssembler(Role role, int maxFrameSize, int maxMessageSize, List<Extension> extensions,
			MessageListener listener) {
		if (maxFrameSize <= 0 || maxMessageSize <= 0) {
			throw new IllegalArgumentException(
					"Sizes must be positive: maxFrameSize " + maxFrameSize + ", maxMessageSize " + maxMessageSize);
		}
		this.expectMasked = role.expectsMaskedFrames();
		this.maxFrameSize = maxFrameSize;
		this.maxMessageSize = maxMessageSize;
		this.extensions = extensions.toArray(new Extension[0]);
		this.extensionBits = extensionBits(this.extensions);
		this.listener = listener;
	}

	@Override
	public void onFrameHeader(boolean fin, int rsv, int opcode, boolean masked, long payloadLength) {
		if (this.closed) {
			return;
		}
		if (masked != this.expectMasked) {
			throw protocolError(masked ? "Masked frame from a server" : "Unmasked frame from a client");
		}
		if ((rsv & ~this.extensionBits) != 0) {
			throw protocolError("RSV bits 0x" + Integer.toHexString(rsv) + " set, but no negotiated extension owns "
					+ "0x" + Integer.toHexString(rsv & ~this.extensionBits));
		}
		if (!Opcode.isDefined(opcode)) {
			throw protocolError("Reserved opcode " + Opcode.name(opcode));
		}
		if (Opcode.isControl(opcode)) {
			checkControlFrame(fin, rsv, opcode, payloadLength);
		}
		else {
			startDataFrame(rsv, opcode, payloadLength);
		}
		this.frameOpcode = opcode;
		this.frameFin = fin;
		this.frameLength = payloadLength;
		this.frameReceived = 0;
		this.frameDelivered = false;
	}

	@Override
	public void onFramePayload(ByteBuffer payload) {
		if (this.closed) {
			return;
		}
		int count = payload.remaining();
		boolean wholeFrame = this.frameReceived == 0 && count == this.frameLength;
		this.frameReceived += count;
		if (Opcode.isControl(this.frameOpcode)) {
			if (wholeFrame) {
				this.frameDelivered = true;
				deliverControl(payload);
			}
			else {
				if (this.controlBuffer == null) {
					this.controlBuffer = ByteBuffer.allocate((int) this.frameLength);
				}
				this.controlBuffer.put(payload);
			}
		}
		else if (this.messageExtension != null) {
			boolean last = this.frameFin && this.frameReceived == this.frameLength;
			this.messageExtension.decode(payload, last, this.decodedSink);
		}
		else {
			validateText(payload);
			if (wholeFrame && this.frameFin && this.frameOpcode != Opcode.CONTINUATION) {
				this.frameDelivered = true;
				deliverMessage(payload, false);
			}
			else {
				append(payload);
			}
		}
	}

	@Override
	public void onFrameEnd() {
		if (this.closed || this.frameDelivered) {
			return;
		}
		if (Opcode.isControl(this.frameOpcode)) {
			ByteBuffer payload = (this.controlBuffer != null) ? this.controlBuffer.flip() : EMPTY;
			this.controlBuffer = null;
			deliverControl(payload);
		}
		else if (this.frameFin) {
			if (this.messageExtension != null && this.frameLength == 0) {
				// A last frame without payload had no part to tell the extension so.
				this.messageExtension.decode(EMPTY, true, this.decodedSink);
			}
			ByteBuffer gathered = this.messageBuffer;
			// endMessage() lets go of the gathered buffer, so the listener may keep it.
			deliverMessage((gathered != null) ? gathered.flip() : EMPTY, gathered != null);
		}
	}

	/**
	 * Returns whether no message is in progress and no buffer is held: what the
	 * connection keeps between messages.
	 * @return {@code true} between messages
	 */
	public boolean isIdle() {
		return this.messageOpcode == NONE && this.controlBuffer == null;
	}

	/**
	 * Drops the message in progress, if any, and the buffers held for it. Called when the
	 * connection is done; the negotiated extensions are left for their owner to release.
	 */
	public void release() {
		endMessage();
		this.controlBuffer = null;
	}

	private void checkControlFrame(boolean fin, int rsv, int opcode, long payloadLength) {
		if (rsv != 0) {
			throw protocolError("RSV bits set on a " + Opcode.name(opcode) + " frame");
		}
		if (!fin) {
			throw protocolError("Fragmented " + Opcode.name(opcode) + " frame");
		}
		if (payloadLength > MAX_CONTROL_PAYLOAD) {
			throw protocolError(Opcode.name(opcode) + " frame payload of " + payloadLength + " bytes is over "
					+ MAX_CONTROL_PAYLOAD);
		}
	}

	private void startDataFrame(int rsv, int opcode, long payloadLength) {
		boolean continuation = opcode == Opcode.CONTINUATION;
		if (continuation && this.messageOpcode == NONE) {
			throw protocolError("CONTINUATION frame with no message in progress");
		}
		if (continuation && rsv != 0) {
			throw protocolError("RSV bits set on a CONTINUATION frame");
		}
		if (!continuation && this.messageOpcode != NONE) {
			throw protocolError(Opcode.name(opcode) + " frame while a fragmented " + Opcode.name(this.messageOpcode)
					+ " message is in progress");
		}
		if (payloadLength > this.maxFrameSize) {
			throw tooBig("Frame payload of " + payloadLength + " bytes is over the limit of " + this.maxFrameSize);
		}
		Extension extension = continuation ? this.messageExtension : extensionFor(rsv);
		if (extension == null) {
			long length = (continuation ? this.messageLength : 0) + payloadLength;
			if (length > this.maxMessageSize) {
				throw tooBig("Message of " + length + " bytes or more is over the limit of " + this.maxMessageSize);
			}
		}
		if (!continuation) {
			this.messageOpcode = opcode;
			this.messageExtension = extension;
			this.messageLength = 0;
		}
		if (extension == null) {
			this.messageLength += payloadLength;
		}
	}

	private Extension extensionFor(int rsv) {
		Extension found = null;
		if (rsv != 0) {
			for (Extension extension : this.extensions) {
				if ((extension.rsvBits() & rsv) != 0) {
					if (found != null) {
						throw protocolError("RSV bits 0x" + Integer.toHexString(rsv)
								+ " ask for two extensions at once, which is not supported");
					}
					found = extension;
				}
			}
		}
		return found;
	}

	private void appendDecoded(ByteBuffer decoded) {
		int count = decoded.remaining();
		if (this.messageLength + count > this.maxMessageSize) {
			throw tooBig("Decoded message is over the limit of " + this.maxMessageSize + " bytes");
		}
		this.messageLength += count;
		validateText(decoded);
		append(decoded);
	}

	private void validateText(ByteBuffer bytes) {
		if (this.messageOpcode == Opcode.TEXT && !this.utf8.feed(bytes)) {
			throw new ProtocolException(CloseCodes.INVALID_PAYLOAD_DATA, "Text message is not valid UTF-8");
		}
	}

	/**
	 * Appends bytes to the message buffer. Its room grows with the bytes that arrived,
	 * never with what a header merely announced, so a peer must send a frame's bytes
	 * before they cost their memory; doubling (up to the size limit) keeps a message of
	 * many pieces from being copied once per piece. Once the last frame's header has told
	 * the message's whole length, the room grows no further than that, so that the
	 * listener gets a buffer exactly as long as the message.
	 * @param bytes the bytes
	 */
	private void append(ByteBuffer bytes) {
		int count = bytes.remaining();
		ByteBuffer buffer = this.messageBuffer;
		int used = (buffer != null) ? buffer.position() : 0;
		int needed = used + count;
		if (buffer == null || buffer.capacity() < needed) {
			// The first room is what the message announced so far, if that is small.
			long doubled = (buffer != null) ? 2L * buffer.capacity() : Math.min(MIN_ROOM, this.messageLength);
			long most = (this.frameFin && this.messageExtension == null) ? this.messageLength : this.maxMessageSize;
			int capacity = (int) Math.max(needed, Math.min(doubled, most));
			ByteBuffer grown = ByteBuffer.allocate(capacity);
			if (buffer != null) {
				grown.put(buffer.flip());
			}
			buffer = grown;
		}
		buffer.put(buffer.position(), bytes, bytes.position(), count);
		this.messageBuffer = buffer.position(buffer.position() + count);
	}

	private void deliverMessage(ByteBuffer message, boolean owned) {
		int opcode = this.messageOpcode;
		if (opcode == Opcode.TEXT && !this.utf8.isComplete()) {
			throw new ProtocolException(CloseCodes.INVALID_PAYLOAD_DATA,
					"Text message ends in the middle of a UTF-8 character");
		}
		endMessage();
		if (opcode == Opcode.TEXT) {
			this.listener.onText(message);
		}
		else {
			this.listener.onBinary(message, owned);
		}
	}

	private void deliverControl(ByteBuffer payload) {
		switch (this.frameOpcode) {
			case Opcode.PING -> this.listener.onPing(payload);
			case Opcode.PONG -> this.listener.onPong(payload);
			default -> {
				CloseStatus status = CloseStatus.decode(payload);
				this.closed = true;
				endMessage();
				this.listener.onClose(status);
			}
		}
	}

	private void endMessage() {
		this.messageOpcode = NONE;
		this.messageExtension = null;
		this.messageLength = 0;
		this.messageBuffer = null;
		this.utf8.reset();
	}

	private static int extensionBits(Extension[] extensions) {
		int bits = 0;
		for (Extension extension : extensions) {
			int owned = extension.rsvBits();
			if (owned == 0 || (owned & ~0x70) != 0 || (owned & bits) != 0) {
				throw new IllegalArgumentException("Extension " + extension.name() + " owns RSV bits 0x"
						+ Integer.toHexString(owned) + ": none, outside 0x70 or owned by another extension");
			}
			bits |= owned;
		}
		return bits;
	}

	private static ProtocolException protocolError(String message) {
		return new ProtocolException(CloseCodes.PROTOCOL_ERROR, message);
	}

	private static ProtocolException tooBig(String message) {
		return new ProtocolException(CloseCodes.MESSAGE_TOO_BIG, message);
	}

}
