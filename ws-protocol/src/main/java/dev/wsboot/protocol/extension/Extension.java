package dev.wsboot.protocol.extension;

import java.nio.ByteBuffer;

import dev.wsboot.protocol.ProtocolException;

/**
 * A negotiated extension that transforms whole messages, such as permessage-deflate (RFC
 * 7692). It owns one or more RSV bits: a message whose first frame carries them is
 * decoded by this extension, and only the bits of negotiated extensions may be set. An
 * instance belongs to one connection and is used by one thread at a time.
 */
public interface Extension {

	/**
	 * Returns the extension's registered name, as in {@code Sec-WebSocket-Extensions}.
	 * @return the name, for example {@code permessage-deflate}
	 */
	String name();

	/**
	 * Returns the RSV bits this extension owns, in the position they have in a frame's
	 * first byte.
	 * @return a mask of {@code 0x40} (RSV1), {@code 0x20} (RSV2) and {@code 0x10} (RSV3)
	 */
	int rsvBits();

	/**
	 * Returns the extension as the negotiating side writes it into its
	 * {@code Sec-WebSocket-Extensions} header, parameters included.
	 * @return the header element, for example
	 * {@code permessage-deflate; server_no_context_takeover}
	 */
	String headerValue();

	/**
	 * Decodes a part of an incoming message whose first frame carried this extension's
	 * bits.
	 * @param part the next bytes of the message's payload, as they came off the wire and
	 * already unmasked; consumed by this call
	 * @param last whether this is the message's last part
	 * @param out receives the decoded bytes, in order, in as many pieces as the extension
	 * likes; a piece is valid only during the call
	 * @throws ProtocolException when the payload cannot be decoded, or when {@code out}
	 * refuses more bytes
	 */
	void decode(ByteBuffer part, boolean last, PayloadSink out);

	/**
	 * Encodes a whole outgoing message.
	 * @param message the message's payload, consumed by this call when it returns bytes
	 * to send, and left as it was when it returns {@code null}, so that the caller can
	 * send it
	 * @return the bytes to send, with this extension's bits set on the message's first
	 * frame, or {@code null} to send the message as it is, without the bits
	 */
	ByteBuffer encode(ByteBuffer message);

	/**
	 * Releases what the extension holds (native compression state, for instance). Called
	 * once, when the connection is done.
	 */
	void release();

	/**
	 * Receives decoded bytes.
	 */
	@FunctionalInterface
	interface PayloadSink {

		/**
		 * Takes the next decoded bytes.
		 * @param bytes the bytes, valid only during the call
		 * @throws ProtocolException to stop decoding, for example when a size limit is
		 * exceeded
		 */
		void accept(ByteBuffer bytes);

	}

}
