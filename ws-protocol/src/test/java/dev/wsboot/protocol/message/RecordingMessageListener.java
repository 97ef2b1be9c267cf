package dev.wsboot.protocol.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.wsboot.protocol.Hex;
import dev.wsboot.protocol.close.CloseStatus;

/**
 * Records what an assembler delivers as lines of text, and the buffers it delivered them
 * in.
 */
class RecordingMessageListener implements MessageListener {

	final List<String> events = new ArrayList<>();

	final List<ByteBuffer> buffers = new ArrayList<>();

	/** For each binary message, whether the listener was told it owns the buffer. */
	final List<Boolean> owned = new ArrayList<>();

	@Override
	public void onText(ByteBuffer utf8) {
		this.buffers.add(utf8);
		this.events.add(text(StandardCharsets.UTF_8.decode(utf8.duplicate()).toString()));
	}

	@Override
	public void onBinary(ByteBuffer data, boolean owned) {
		this.buffers.add(data);
		this.owned.add(owned);
		this.events.add("binary " + Hex.of(data));
	}

	@Override
	public void onPing(ByteBuffer payload) {
		this.buffers.add(payload);
		this.events.add("ping " + Hex.of(payload));
	}

	@Override
	public void onPong(ByteBuffer payload) {
		this.buffers.add(payload);
		this.events.add("pong " + Hex.of(payload));
	}

	@Override
	public void onClose(CloseStatus status) {
		this.events.add("close " + status.code() + " " + status.reason());
	}

	static String text(String text) {
		return "text " + text;
	}

	static String binary(byte[] data) {
		return "binary " + Hex.of(data);
	}

}
