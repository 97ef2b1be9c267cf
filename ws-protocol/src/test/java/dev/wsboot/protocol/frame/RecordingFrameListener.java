package dev.wsboot.protocol.frame;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import dev.wsboot.protocol.Hex;

/**
 * Records frame events as lines of text. A frame's payload parts are merged into one
 * line, recorded at the frame's end, so that the events do not depend on how the input
 * was split.
 */
class RecordingFrameListener implements FrameListener {

	private static final String PAYLOAD = "payload ";

	final List<String> events = new ArrayList<>();

	final List<ByteBuffer> parts = new ArrayList<>();

	final List<Integer> partSizes = new ArrayList<>();

	// The parts of the current frame, recorded as one event when the frame ends.
	private StringBuilder payload;

	@Override
	public void onFrameHeader(boolean fin, int rsv, int opcode, boolean masked, long payloadLength) {
		this.events.add(header(fin, rsv, opcode, masked, payloadLength));
	}

	@Override
	public void onFramePayload(ByteBuffer payload) {
		this.parts.add(payload);
		this.partSizes.add(payload.remaining());
		if (this.payload == null) {
			this.payload = new StringBuilder(PAYLOAD);
		}
		this.payload.append(Hex.of(payload));
	}

	@Override
	public void onFrameEnd() {
		if (this.payload != null) {
			this.events.add(this.payload.toString());
			this.payload = null;
		}
		this.events.add("end");
	}

	static String header(boolean fin, int rsv, int opcode, boolean masked, long payloadLength) {
		return String.format("header fin=%s rsv=0x%x %s masked=%s length=%d", fin, rsv, Opcode.name(opcode), masked,
				payloadLength);
	}

	static String payload(String hex) {
		return PAYLOAD + hex.replace(" ", "").toLowerCase();
	}

}
