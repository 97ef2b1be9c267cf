package dev.wsboot.protocol.message;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

import dev.wsboot.protocol.Reads;
import dev.wsboot.protocol.ProtocolException;
import dev.wsboot.protocol.Role;
import dev.wsboot.protocol.extension.Extension;
import dev.wsboot.protocol.frame.FrameParser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The receiving half of one connection: a parser feeding an assembler feeding a recording
 * listener.
 */
final class Connection {

	static final int MAX_FRAME_SIZE = 1024;

	static final int MAX_MESSAGE_SIZE = 4096;

	final RecordingMessageListener listener = new RecordingMessageListener();

	final MessageAssembler assembler;

	final FrameParser parser;

	Connection(Role role, int maxFrameSize, int maxMessageSize, Extension... extensions) {
		this.assembler = new MessageAssembler(role, maxFrameSize, maxMessageSize, List.of(extensions), this.listener);
		this.parser = new FrameParser(this.assembler);
	}

	static Connection server(Extension... extensions) {
		return new Connection(Role.SERVER, MAX_FRAME_SIZE, MAX_MESSAGE_SIZE, extensions);
	}

	static Connection client() {
		return new Connection(Role.CLIENT, MAX_FRAME_SIZE, MAX_MESSAGE_SIZE);
	}

	/**
	 * Receives each of the given byte arrays as one read.
	 */
	void receive(byte[]... reads) {
		for (byte[] read : reads) {
			this.parser.parse(ByteBuffer.wrap(read));
		}
	}

	void receive(Reads reads, byte[] bytes) {
		reads.feed(bytes, new Random(bytes.length), this.parser::parse);
	}

	/**
	 * Receives each of the given byte arrays as one read, expecting a protocol error.
	 * @return the close code the error carries
	 */
	int failure(byte[]... reads) {
		ProtocolException failure = catchThrowableOfType(ProtocolException.class, () -> receive(reads));
		assertThat(failure).as("a ProtocolException").isNotNull();
		return failure.closeCode();
	}

	List<String> events() {
		return this.listener.events;
	}

}
