package dev.wsboot.protocol.message;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.Deflater;

import dev.wsboot.protocol.Reads;
import dev.wsboot.protocol.Role;
import dev.wsboot.protocol.extension.PerMessageDeflate;
import dev.wsboot.protocol.extension.PerMessageDeflateConfig;
import dev.wsboot.protocol.extension.PerMessageDeflateParameters;
import dev.wsboot.protocol.frame.FrameEncoder;
import dev.wsboot.protocol.frame.Opcode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.wsboot.protocol.message.RecordingMessageListener.binary;
import static dev.wsboot.protocol.message.RecordingMessageListener.text;
import static dev.wsboot.protocol.message.TestFrames.FIN;
import static dev.wsboot.protocol.message.TestFrames.RSV1;
import static dev.wsboot.protocol.message.TestFrames.concat;
import static dev.wsboot.protocol.message.TestFrames.masked;
import static dev.wsboot.protocol.message.TestFrames.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * permessage-deflate through the frame parser and the message assembler, on a server: the
 * frames of RFC 7692 section 7.2.3, masked as a client sends them, and what the assembler
 * checks on top of the extension.
 */
class MessageAssemblerDeflateTests {

	private static final HexFormat HEX = HexFormat.of();

	private static final PerMessageDeflateConfig KEEP_CONTEXT = new PerMessageDeflateConfig(true, false, false, 0, 6);

	private static final PerMessageDeflateParameters KEEPING = new PerMessageDeflateParameters(false, false, 0, 0);

	private final PerMessageDeflate deflate = PerMessageDeflate.create(Role.SERVER, KEEPING, KEEP_CONTEXT, null);

	private final Connection server = Connection.server(this.deflate);

	@AfterEach
	void release() {
		this.server.assembler.release();
		this.deflate.release();
	}

	@ParameterizedTest
	@EnumSource(Reads.class)
	void inflatesHelloInOneFrameAndValidatesTheInflatedText(Reads reads) {
		// f2 48 is not UTF-8: only the inflated bytes are checked.
		this.server.receive(reads, masked(FIN | RSV1 | Opcode.TEXT, HEX.parseHex("f248cdc9c90700")));
		assertThat(this.server.events()).containsExactly(text("Hello"));
	}

	@ParameterizedTest
	@EnumSource(Reads.class)
	void inflatesHelloInTwoFragmentsAroundAnUncompressedPing(Reads reads) {
		this.server.receive(reads, concat(masked(RSV1 | Opcode.TEXT, HEX.parseHex("f248cd")),
				masked(FIN | Opcode.PING, utf8("Hello")), masked(FIN | Opcode.CONTINUATION, HEX.parseHex("c9c90700"))));
		assertThat(this.server.events()).containsExactly("ping 48656c6c6f", text("Hello"));
	}

	@Test
	void inflatesWithTheWindowOfTheMessageBefore() {
		this.server.receive(masked(FIN | RSV1 | Opcode.TEXT, HEX.parseHex("f248cdc9c90700")),
				masked(FIN | RSV1 | Opcode.TEXT, HEX.parseHex("f200110000")));
		assertThat(this.server.events()).containsExactly(text("Hello"), text("Hello"));
	}

	@Test
	void inflatesAMessageWhoseLastFrameIsEmpty() {
		this.server.receive(masked(RSV1 | Opcode.BINARY, HEX.parseHex("f248cdc9c90700")),
				masked(FIN | Opcode.CONTINUATION, new byte[0]));
		assertThat(this.server.events()).containsExactly(binary(utf8("Hello")));
	}

	@Test
	void inflatesAnEmptyMessage() {
		// An empty stored block's header: the shortest compressed message.
		this.server.receive(masked(FIN | RSV1 | Opcode.TEXT, HEX.parseHex("00")));
		assertThat(this.server.events()).containsExactly(text(""));
	}

	@Test
	void deliversUncompressedMessagesAsTheyAre() {
		this.server.receive(masked(FIN | Opcode.TEXT, utf8("Hello")));
		assertThat(this.server.events()).containsExactly(text("Hello"));
		assertThat(this.deflate.headerValue()).isEqualTo("permessage-deflate");
	}

	@Test
	void failsTextThatIsNotUtf8OnceInflatedWith1007() {
		byte[] invalid = concat(utf8("valid at first, "), HEX.parseHex("c328"), utf8(" then not"));
		assertThat(this.server.failure(masked(FIN | RSV1 | Opcode.TEXT, deflate(invalid)))).isEqualTo(1007);
	}

	@Test
	void failsTextThatEndsInsideACharacterOnceInflatedWith1007() {
		byte[] truncated = HEX.parseHex("48c3");
		assertThat(this.server.failure(masked(FIN | RSV1 | Opcode.TEXT, deflate(truncated)))).isEqualTo(1007);
	}

	@Test
	void failsACorruptStreamWith1007() {
		assertThat(this.server.failure(masked(FIN | RSV1 | Opcode.BINARY, HEX.parseHex("ff")))).isEqualTo(1007);
	}

	@ParameterizedTest
	@ValueSource(ints = { RSV1, 0 })
	void failsRsv1OnAContinuationWith1002(int firstFrameRsv) {
		assertThat(this.server.failure(masked(firstFrameRsv | Opcode.BINARY, HEX.parseHex("f248cd")),
				masked(FIN | RSV1 | Opcode.CONTINUATION, HEX.parseHex("c9c90700"))))
			.isEqualTo(1002);
	}

	@ParameterizedTest
	@ValueSource(ints = { Opcode.PING, Opcode.PONG, Opcode.CLOSE })
	void failsRsv1OnAControlFrameWith1002(int opcode) {
		assertThat(this.server.failure(masked(FIN | RSV1 | opcode, HEX.parseHex("00")))).isEqualTo(1002);
	}

	@Test
	void stopsABombAtMaxMessageSizeWith1009() {
		Connection small = new Connection(Role.SERVER, 1 << 16, 1 << 20, this.deflate);
		byte[] bomb = deflate(new byte[4 << 20]);
		assertThat(bomb.length).isLessThan(1 << 13);
		assertThat(small.failure(masked(FIN | RSV1 | Opcode.BINARY, bomb))).isEqualTo(1009);
	}

	@Test
	void deliversWhatAClientExtensionCompressedAndTheEncoderFramed() {
		PerMessageDeflate client = PerMessageDeflate.create(Role.CLIENT, KEEPING, KEEP_CONTEXT, null);
		FrameEncoder encoder = new FrameEncoder(Role.CLIENT, new Random(7)::nextInt);
		String message = "{\"id\": 1, \"text\": \"κόσμε κόσμε κόσμε κόσμε κόσμε\"}";
		for (int i = 0; i < 3; i++) {
			ByteBuffer compressed = client.encode(ByteBuffer.wrap(utf8(message)));
			ByteBuffer frame = ByteBuffer
				.allocate(FrameEncoder.headerLength(compressed.remaining(), true) + compressed.remaining());
			encoder.encode(frame, true, client.rsvBits(), Opcode.TEXT, compressed);
			this.server.receive(Arrays.copyOf(frame.array(), frame.position()));
		}
		assertThat(this.server.events()).containsExactly(text(message), text(message), text(message));
		client.release();
	}

	/** Compresses as RFC 7692 section 7.2.1 does, with the JDK alone. */
	private static byte[] deflate(byte[] message) {
		Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
		deflater.setInput(message);
		byte[] out = new byte[message.length + 64];
		int length = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
		deflater.end();
		return Arrays.copyOf(out, length - 4);
	}

}
