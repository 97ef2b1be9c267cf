package dev.wsboot.protocol.message;

import java.util.Arrays;

import dev.wsboot.protocol.Reads;
import dev.wsboot.protocol.Role;
import dev.wsboot.protocol.frame.Opcode;
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
import static dev.wsboot.protocol.message.XorExtension.xor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MessageAssemblerExtensionTests {

	private static final int RSV2 = 0x20;

	private static final byte[] HELLO = utf8("Hello");

	private final XorExtension xor = new XorExtension(RSV1);

	private final Connection server = Connection.server(this.xor);

	@ParameterizedTest
	@EnumSource(Reads.class)
	void decodesMessageWhoseFirstFrameCarriesTheNegotiatedBit(Reads reads) {
		byte[] wire = xor(HELLO);
		assertThat(wire).as("not UTF-8 on the wire").startsWith((byte) 0xC8, (byte) 0xE5);
		this.server.receive(reads, masked(FIN | RSV1 | Opcode.TEXT, wire));
		assertThat(this.server.events()).containsExactly(text("Hello"));
		assertThat(this.xor.lastParts).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Reads.class)
	void decodesFragmentedMessageWithTheBitOnItsFirstFrameOnly(Reads reads) {
		byte[] wire = xor(utf8("h\u00e9llo w\u00f6rld"));
		this.server.receive(reads,
				concat(masked(RSV1 | Opcode.TEXT, Arrays.copyOf(wire, 2)), masked(FIN | Opcode.PING, HELLO),
						masked(Opcode.CONTINUATION, Arrays.copyOfRange(wire, 2, 7)),
						masked(FIN | Opcode.CONTINUATION, Arrays.copyOfRange(wire, 7, wire.length))));
		assertThat(this.server.events()).containsExactly("ping 48656c6c6f", text("h\u00e9llo w\u00f6rld"));
		assertThat(this.xor.lastParts).isEqualTo(1);
	}

	@Test
	void tellsTheExtensionOfTheEndOfAMessageWhoseLastFrameIsEmpty() {
		this.server.receive(masked(RSV1 | Opcode.BINARY, xor(HELLO)), masked(FIN | Opcode.CONTINUATION, new byte[0]));
		assertThat(this.server.events()).containsExactly(binary(HELLO));
		assertThat(this.xor.lastParts).isEqualTo(1);
	}

	@Test
	void leavesMessagesWithoutTheBitToThemselves() {
		this.server.receive(masked(FIN | Opcode.TEXT, HELLO));
		assertThat(this.server.events()).containsExactly(text("Hello"));
		assertThat(this.xor.decodeCalls).isZero();
	}

	@Test
	void rejectsRsv1WithoutANegotiatedExtensionWith1002() {
		assertThat(Connection.server().failure(masked(FIN | RSV1 | Opcode.TEXT, xor(HELLO)))).isEqualTo(1002);
	}

	@Test
	void rejectsBitsOfAnExtensionThatWasNotNegotiatedWith1002() {
		assertThat(this.server.failure(masked(FIN | RSV2 | Opcode.TEXT, HELLO))).isEqualTo(1002);
	}

	@ParameterizedTest
	@ValueSource(ints = { RSV1, 0 })
	void rejectsRsv1OnAContinuationWith1002(int firstFrameRsv) {
		assertThat(this.server.failure(masked(firstFrameRsv | Opcode.BINARY, xor(HELLO)),
				masked(FIN | RSV1 | Opcode.CONTINUATION, xor(HELLO))))
			.isEqualTo(1002);
	}

	@ParameterizedTest
	@ValueSource(ints = { Opcode.PING, Opcode.PONG, Opcode.CLOSE })
	void rejectsRsv1OnAControlFrameWith1002(int opcode) {
		assertThat(this.server.failure(masked(FIN | RSV1 | opcode, new byte[0]))).isEqualTo(1002);
	}

	@Test
	void validatesTheDecodedTextNotTheWireBytesWith1007() {
		assertThat(this.server.failure(masked(FIN | RSV1 | Opcode.TEXT, HELLO))).isEqualTo(1007);
	}

	@Test
	void rejectsDecodedMessageOverMaxMessageSizeWith1009AndStopsDecoding() {
		XorExtension expanding = new XorExtension(RSV1, 1000);
		Connection connection = Connection.server(expanding);
		assertThat(connection.failure(masked(FIN | RSV1 | Opcode.BINARY, new byte[10]))).isEqualTo(1009);
		assertThat(expanding.piecesOut).isEqualTo(5);
	}

	@Test
	void acceptsDecodedMessageOfMaxMessageSize() {
		XorExtension expanding = new XorExtension(RSV1, 1024);
		Connection connection = Connection.server(expanding);
		connection.receive(masked(FIN | RSV1 | Opcode.BINARY, new byte[4]));
		byte[] decoded = new byte[4096];
		Arrays.fill(decoded, (byte) 0x80);
		assertThat(connection.events()).containsExactly(binary(decoded));
	}

	@Test
	void decodesWithTheExtensionOwningTheBitsOfTheFirstFrame() {
		XorExtension other = new XorExtension(RSV2);
		Connection connection = Connection.server(this.xor, other);
		connection.receive(masked(FIN | RSV2 | Opcode.BINARY, xor(HELLO)));
		assertThat(connection.events()).containsExactly(binary(HELLO));
		assertThat(other.decodeCalls).isEqualTo(1);
		assertThat(this.xor.decodeCalls).isZero();
	}

	@Test
	void rejectsBitsOfTwoExtensionsOnOneMessageWith1002() {
		Connection connection = Connection.server(this.xor, new XorExtension(RSV2));
		assertThat(connection.failure(masked(FIN | RSV1 | RSV2 | Opcode.BINARY, HELLO))).isEqualTo(1002);
	}

	@Test
	void refusesExtensionsThatShareABitOrOwnNone() {
		assertThatIllegalArgumentException().isThrownBy(() -> Connection.server(this.xor, new XorExtension(RSV1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Connection.server(this.xor, new XorExtension(RSV1 | RSV2)));
		assertThatIllegalArgumentException().isThrownBy(() -> Connection.server(new XorExtension(0)));
		assertThatIllegalArgumentException().isThrownBy(() -> Connection.server(new XorExtension(0x80)));
	}

	@Test
	void leavesExtensionsForTheirOwnerToRelease() {
		this.server.receive(masked(RSV1 | Opcode.BINARY, xor(HELLO)));
		this.server.assembler.release();
		assertThat(this.server.assembler.isIdle()).isTrue();
		assertThat(this.xor.released).isFalse();
	}

	@Test
	void decodesAsClientToo() {
		XorExtension clientXor = new XorExtension(RSV1);
		Connection client = new Connection(Role.CLIENT, 1024, 4096, clientXor);
		client.receive(TestFrames.unmasked(FIN | RSV1 | Opcode.TEXT, xor(HELLO)));
		assertThat(client.events()).containsExactly(text("Hello"));
	}

}
