package dev.wsboot.protocol.message;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import dev.wsboot.protocol.Reads;
import dev.wsboot.protocol.Hex;
import dev.wsboot.protocol.Role;
import dev.wsboot.protocol.frame.Opcode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.wsboot.protocol.message.Connection.MAX_FRAME_SIZE;
import static dev.wsboot.protocol.message.Connection.MAX_MESSAGE_SIZE;
import static dev.wsboot.protocol.message.RecordingMessageListener.binary;
import static dev.wsboot.protocol.message.RecordingMessageListener.text;
import static dev.wsboot.protocol.message.TestFrames.FIN;
import static dev.wsboot.protocol.message.TestFrames.concat;
import static dev.wsboot.protocol.message.TestFrames.masked;
import static dev.wsboot.protocol.message.TestFrames.unmasked;
import static dev.wsboot.protocol.message.TestFrames.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MessageAssemblerTests {

	private static final byte[] HELLO = utf8("Hello");

	private static final byte[] NONE = {};

	private final Connection server = Connection.server();

	// RFC 6455 section 5.7

	@ParameterizedTest
	@EnumSource(Reads.class)
	void decodesRfcMaskedHelloAsServer(Reads reads) {
		this.server.receive(reads, Hex.bytes("81 85 37 fa 21 3d 7f 9f 4d 51 58"));
		assertThat(this.server.events()).containsExactly(text("Hello"));
	}

	@ParameterizedTest
	@EnumSource(Reads.class)
	void decodesRfcUnmaskedHelloAsClient(Reads reads) {
		Connection client = Connection.client();
		client.receive(reads, Hex.bytes("81 05 48 65 6c 6c 6f"));
		assertThat(client.events()).containsExactly(text("Hello"));
	}

	@ParameterizedTest
	@EnumSource(Reads.class)
	void decodesRfcFragmentedUnmaskedTextAsClient(Reads reads) {
		Connection client = Connection.client();
		client.receive(reads, Hex.bytes("01 03 48 65 6c 80 02 6c 6f"));
		assertThat(client.events()).containsExactly(text("Hello"));
	}

	@ParameterizedTest
	@EnumSource(Reads.class)
	void decodesRfcUnmaskedPingAsClientAndMaskedPongAsServer(Reads reads) {
		Connection client = Connection.client();
		client.receive(reads, Hex.bytes("89 05 48 65 6c 6c 6f"));
		this.server.receive(reads, Hex.bytes("8a 85 37 fa 21 3d 7f 9f 4d 51 58"));
		assertThat(client.events()).containsExactly("ping 48656c6c6f");
		assertThat(this.server.events()).containsExactly("pong 48656c6c6f");
	}

	@ParameterizedTest
	@EnumSource(Reads.class)
	void decodesRfcBinaryWith16BitAnd64BitLengthsAsClient(Reads reads) {
		Connection client = new Connection(Role.CLIENT, 65536, 65536);
		byte[] small = random(256);
		byte[] large = random(65536);
		client.receive(reads,
				concat(Hex.bytes("82 7E 01 00"), small, Hex.bytes("82 7F 00 00 00 00 00 01 00 00"), large));
		assertThat(client.events()).containsExactly(binary(small), binary(large));
	}

	// Masking (section 5.1)

	@Test
	void rejectsUnmaskedFrameFromAClientWith1002() {
		assertThat(this.server.failure(unmasked(0x81, HELLO))).isEqualTo(1002);
	}

	@Test
	void rejectsMaskedFrameFromAServerWith1002() {
		assertThat(Connection.client().failure(masked(0x81, HELLO))).isEqualTo(1002);
	}

	// RSV bits and opcodes (section 5.2)

	@ParameterizedTest(name = "Autobahn 3.x: RSV 0x{0}")
	@ValueSource(ints = { 0x40, 0x20, 0x10, 0x60, 0x50, 0x30, 0x70 })
	void rejectsRsvBitsNoNegotiatedExtensionOwnsWith1002(int rsv) {
		assertThat(this.server.failure(masked(FIN | rsv | Opcode.TEXT, HELLO))).isEqualTo(1002);
		assertThat(Connection.server().failure(masked(FIN | rsv | Opcode.PING, HELLO))).isEqualTo(1002);
	}

	@ParameterizedTest(name = "Autobahn 4.x: opcode {0}")
	@ValueSource(ints = { 3, 4, 5, 6, 7, 11, 12, 13, 14, 15 })
	void rejectsReservedOpcodesWith1002(int opcode) {
		assertThat(this.server.failure(masked(FIN | opcode, HELLO))).isEqualTo(1002);
	}

	@Test
	void rejectsReservedOpcodeBetweenFragmentsWith1002() {
		assertThat(this.server.failure(masked(Opcode.TEXT, HELLO), masked(FIN | 0xB, NONE))).isEqualTo(1002);
	}

	// Control frames (section 5.5)

	@ParameterizedTest
	@ValueSource(ints = { Opcode.CLOSE, Opcode.PING, Opcode.PONG })
	void rejectsControlFrameOver125BytesAtItsHeaderWith1002(int opcode) {
		byte[] header = Arrays.copyOf(masked(FIN | opcode, new byte[126]), 8);
		assertThat(this.server.failure(header)).isEqualTo(1002);
	}

	@ParameterizedTest
	@ValueSource(ints = { Opcode.CLOSE, Opcode.PING, Opcode.PONG })
	void rejectsFragmentedControlFrameWith1002(int opcode) {
		assertThat(this.server.failure(masked(opcode, HELLO))).isEqualTo(1002);
	}

	@ParameterizedTest
	@ValueSource(ints = { Opcode.PING, Opcode.PONG })
	void acceptsControlFrameOf125Bytes(int opcode) {
		byte[] payload = random(125);
		this.server.receive(masked(FIN | opcode, payload));
		assertThat(this.server.events()).containsExactly(Opcode.name(opcode).toLowerCase() + " " + Hex.of(payload));
	}

	@ParameterizedTest
	@EnumSource(Reads.class)
	void deliversControlFramesBetweenFragmentsAsTheyArrive(Reads reads) {
		this.server.receive(reads, masked(Opcode.TEXT, utf8("Hel")));
		this.server.receive(reads, masked(FIN | Opcode.PING, utf8("a")));
		assertThat(this.server.events()).containsExactly("ping 61");
		this.server.receive(reads, masked(Opcode.CONTINUATION, utf8("l")));
		this.server.receive(reads, masked(FIN | Opcode.PONG, NONE));
		this.server.receive(reads, masked(FIN | Opcode.CONTINUATION, utf8("o")));
		assertThat(this.server.events()).containsExactly("ping 61", "pong ", text("Hello"));
	}

	// Fragmentation (section 5.4)

	@Test
	void rejectsContinuationWithNoMessageInProgressWith1002() {
		assertThat(this.server.failure(masked(FIN | Opcode.CONTINUATION, HELLO))).isEqualTo(1002);
	}

	@Test
	void rejectsContinuationAfterTheLastFragmentWith1002() {
		assertThat(this.server.failure(masked(Opcode.BINARY, HELLO), masked(FIN | Opcode.CONTINUATION, HELLO),
				masked(Opcode.CONTINUATION, HELLO)))
			.isEqualTo(1002);
		assertThat(this.server.events()).containsExactly(binary(concat(HELLO, HELLO)));
	}

	@ParameterizedTest
	@ValueSource(ints = { Opcode.TEXT, Opcode.BINARY })
	void rejectsDataFrameWhileAFragmentedMessageIsInProgressWith1002(int opcode) {
		assertThat(this.server.failure(masked(Opcode.TEXT, HELLO), masked(FIN | opcode, HELLO))).isEqualTo(1002);
	}

	@Test
	void deliversEmptyMessagesAndEmptyFragments() {
		this.server.receive(masked(FIN | Opcode.TEXT, NONE), masked(FIN | Opcode.BINARY, NONE),
				masked(Opcode.TEXT, NONE), masked(Opcode.CONTINUATION, NONE), masked(FIN | Opcode.CONTINUATION, NONE),
				masked(Opcode.BINARY, NONE), masked(FIN | Opcode.CONTINUATION, HELLO));
		assertThat(this.server.events()).containsExactly(text(""), binary(NONE), text(""), binary(HELLO));
		assertThat(this.server.assembler.isIdle()).isTrue();
	}

	// Limits

	@Test
	void rejectsFrameOverMaxFrameSizeAtItsHeaderWith1009() {
		byte[] header = Arrays.copyOf(masked(FIN | Opcode.BINARY, new byte[MAX_FRAME_SIZE + 1]), 8);
		assertThat(this.server.failure(header)).isEqualTo(1009);
		assertThat(this.server.events()).isEmpty();
		assertThat(this.server.assembler.isIdle()).isTrue();
	}

	@Test
	void rejectsHugeFrameAtItsHeaderWith1009() {
		assertThat(this.server.failure(Hex.bytes("82 FF 7F FF FF FF FF FF FF FF 00 00 00 00"))).isEqualTo(1009);
	}

	@Test
	void acceptsFrameOfMaxFrameSize() {
		byte[] payload = random(MAX_FRAME_SIZE);
		this.server.receive(masked(FIN | Opcode.BINARY, payload));
		assertThat(this.server.events()).containsExactly(binary(payload));
	}

	@Test
	void rejectsMessageOverMaxMessageSizeAtTheHeaderOfTheFragmentThatCrossesItWith1009() {
		byte[] fragment = random(1000);
		this.server.receive(masked(Opcode.BINARY, fragment), masked(Opcode.CONTINUATION, fragment),
				masked(Opcode.CONTINUATION, fragment), masked(Opcode.CONTINUATION, fragment));
		byte[] header = Arrays.copyOf(masked(FIN | Opcode.CONTINUATION, new byte[97]), 6);
		assertThat(this.server.failure(header)).isEqualTo(1009);
	}

	@Test
	void acceptsMessageOfMaxMessageSize() {
		byte[] fragment = random(1024);
		this.server.receive(masked(Opcode.BINARY, fragment), masked(Opcode.CONTINUATION, fragment),
				masked(Opcode.CONTINUATION, fragment), masked(FIN | Opcode.CONTINUATION, fragment));
		assertThat(this.server.events()).containsExactly(binary(concat(fragment, fragment, fragment, fragment)));
	}

	@Test
	void rejectsNonPositiveLimits() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Connection(Role.SERVER, 0, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new Connection(Role.SERVER, 1, -1));
	}

	// UTF-8 (section 5.6 and 8.1)

	@ParameterizedTest(name = "Autobahn 6.x: {0}")
	@ValueSource(strings = { "ff", "c0 80", "ed a0 80", "f4 90 80 80", "ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65" })
	void rejectsTextThatIsNotUtf8With1007(String hex) {
		assertThat(this.server.failure(masked(FIN | Opcode.TEXT, Hex.bytes(hex)))).isEqualTo(1007);
	}

	@Test
	void failsFastOnInvalidUtf8InTheFirstOfThreeFragments() {
		byte[][] fragments = { masked(Opcode.TEXT, Hex.bytes("48 65 ff 6c")), masked(Opcode.CONTINUATION, utf8("lo")),
				masked(FIN | Opcode.CONTINUATION, utf8("!")) };
		// The second and third fragments never need to arrive.
		assertThat(this.server.failure(fragments[0])).isEqualTo(1007);
		assertThat(this.server.parser.isFailed()).isTrue();
		assertThat(this.server.events()).isEmpty();
	}

	@Test
	void failsFastAtTheReadHoldingTheFirstInvalidByte() {
		byte[] frame = masked(FIN | Opcode.TEXT, Hex.bytes("48 c0 80 6c 6c 6f 48 65 6c 6c 6f"));
		assertThat(this.server.failure(Arrays.copyOf(frame, 6 + 3))).isEqualTo(1007);
	}

	@Test
	void rejectsTextEndingInTheMiddleOfACharacterWith1007() {
		this.server.receive(masked(Opcode.TEXT, Hex.bytes("e2 82")));
		assertThat(this.server.failure(masked(FIN | Opcode.CONTINUATION, NONE))).isEqualTo(1007);
	}

	@Test
	void acceptsCharacterSplitAcrossFragmentsWithAControlFrameBetween() {
		this.server.receive(masked(Opcode.TEXT, Hex.bytes("e2")), masked(FIN | Opcode.PING, Hex.bytes("ff")),
				masked(Opcode.CONTINUATION, Hex.bytes("82")), masked(FIN | Opcode.CONTINUATION, Hex.bytes("ac")));
		assertThat(this.server.events()).containsExactly("ping ff", text("\u20ac"));
	}

	@Test
	void leavesBinaryUnvalidated() {
		this.server.receive(masked(FIN | Opcode.BINARY, Hex.bytes("ff c0")));
		assertThat(this.server.events()).containsExactly("binary ffc0");
	}

	@Test
	void validatesEachMessageAfresh() {
		this.server.receive(masked(FIN | Opcode.TEXT, utf8("\u20ac")), masked(FIN | Opcode.TEXT, utf8("ok")));
		assertThat(this.server.events()).containsExactly(text("\u20ac"), text("ok"));
	}

	// Close (section 5.5.1 and 7.4)

	@ParameterizedTest
	@EnumSource(Reads.class)
	void deliversCloseCodeAndReason(Reads reads) {
		this.server.receive(reads, masked(FIN | Opcode.CLOSE, concat(Hex.bytes("03 e8"), utf8("bye"))));
		assertThat(this.server.events()).containsExactly("close 1000 bye");
	}

	@Test
	void deliversEmptyCloseAs1005() {
		this.server.receive(masked(FIN | Opcode.CLOSE, NONE));
		assertThat(this.server.events()).containsExactly("close 1005 ");
	}

	@Test
	void rejectsOneByteClosePayloadWith1002() {
		assertThat(this.server.failure(masked(FIN | Opcode.CLOSE, Hex.bytes("03")))).isEqualTo(1002);
	}

	@ParameterizedTest(name = "Autobahn 7.9.x: close code {0}")
	@ValueSource(ints = { 0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535 })
	void rejectsInvalidCloseCodesWith1002(int code) {
		byte[] payload = { (byte) (code >>> 8), (byte) code };
		assertThat(this.server.failure(masked(FIN | Opcode.CLOSE, payload))).isEqualTo(1002);
	}

	@Test
	void rejectsCloseReasonThatIsNotUtf8With1007() {
		assertThat(this.server.failure(masked(FIN | Opcode.CLOSE, Hex.bytes("03 e8 ce ba e1 bd b9 ed a0 80"))))
			.isEqualTo(1007);
	}

	@Test
	void ignoresEverythingAfterClose() {
		this.server.receive(masked(Opcode.TEXT, HELLO), masked(FIN | Opcode.CLOSE, Hex.bytes("03 e8")),
				masked(FIN | Opcode.CONTINUATION, HELLO), masked(FIN | Opcode.PING, NONE), unmasked(0xF3, HELLO));
		assertThat(this.server.events()).containsExactly("close 1000 ");
		assertThat(this.server.assembler.isIdle()).isTrue();
	}

	// Buffers

	@Test
	void deliversAWholeUnfragmentedFrameStraightFromTheInput() {
		ByteBuffer read = ByteBuffer.wrap(masked(FIN | Opcode.BINARY, HELLO));
		ByteBuffer pingRead = ByteBuffer.wrap(masked(FIN | Opcode.PING, HELLO));
		this.server.parser.parse(read);
		this.server.parser.parse(pingRead);
		assertThat(this.server.listener.buffers).hasSize(2);
		assertThat(this.server.listener.buffers.get(0)).isSameAs(read);
		assertThat(this.server.listener.buffers.get(1)).isSameAs(pingRead);
		assertThat(this.server.listener.owned).containsExactly(false);
	}

	@Test
	void handsOverTheBufferItGatheredABinaryMessageIn() {
		byte[] first = random(1000);
		byte[] frame = masked(FIN | Opcode.BINARY, first);
		this.server.receive(Arrays.copyOf(frame, 300), Arrays.copyOfRange(frame, 300, frame.length));
		this.server.receive(masked(Opcode.BINARY, HELLO), masked(FIN | Opcode.CONTINUATION, HELLO));
		assertThat(this.server.listener.owned).containsExactly(true, true);
		ByteBuffer kept = this.server.listener.buffers.get(0);
		// Exactly as long as the message, and untouched by the message after it.
		assertThat(kept.array()).isEqualTo(first);
		assertThat(this.server.listener.buffers.get(1).array()).isNotSameAs(kept.array());
	}

	@Test
	void growsTheBufferNoFurtherThanTheLengthTheLastFrameAnnounced() {
		Connection connection = new Connection(Role.SERVER, 1 << 16, 1 << 16);
		byte[] payload = random(40_000);
		byte[] frame = masked(FIN | Opcode.BINARY, payload);
		connection.receive(Arrays.copyOf(frame, 10_000), Arrays.copyOfRange(frame, 10_000, 30_000),
				Arrays.copyOfRange(frame, 30_000, frame.length));
		assertThat(connection.events()).containsExactly(binary(payload));
		assertThat(connection.listener.buffers.get(0).capacity()).isEqualTo(payload.length);
	}

	@Test
	void gathersAFrameSplitAcrossReads() {
		byte[] frame = masked(FIN | Opcode.TEXT, HELLO);
		this.server.receive(Arrays.copyOf(frame, 8), Arrays.copyOfRange(frame, 8, frame.length));
		assertThat(this.server.events()).containsExactly(text("Hello"));
		assertThat(this.server.listener.buffers.get(0).hasArray()).isTrue();
		assertThat(this.server.listener.buffers.get(0).array()).hasSize(5);
	}

	@ParameterizedTest
	@EnumSource(Reads.class)
	void gathersAControlFrameSplitAcrossReads(Reads reads) {
		byte[] payload = random(125);
		this.server.receive(reads, masked(FIN | Opcode.PING, payload));
		assertThat(this.server.events()).containsExactly("ping " + Hex.of(payload));
		assertThat(this.server.assembler.isIdle()).isTrue();
	}

	@Test
	void holdsNothingBetweenMessages() {
		assertThat(this.server.assembler.isIdle()).isTrue();
		this.server.receive(masked(Opcode.TEXT, HELLO));
		assertThat(this.server.assembler.isIdle()).isFalse();
		this.server.receive(masked(FIN | Opcode.CONTINUATION, HELLO));
		assertThat(this.server.assembler.isIdle()).isTrue();
		byte[] ping = masked(FIN | Opcode.PING, HELLO);
		this.server.receive(Arrays.copyOf(ping, 8));
		assertThat(this.server.assembler.isIdle()).isFalse();
		this.server.receive(Arrays.copyOfRange(ping, 8, ping.length));
		assertThat(this.server.assembler.isIdle()).isTrue();
	}

	@Test
	void dropsTheMessageInProgressOnRelease() {
		this.server.receive(masked(Opcode.BINARY, HELLO));
		this.server.assembler.release();
		assertThat(this.server.assembler.isIdle()).isTrue();
	}

	@Test
	void growsTheBufferOfAMessageOfManySmallFragments() {
		Connection connection = new Connection(Role.SERVER, 16, 1 << 16);
		byte[] all = random(10_000);
		connection.receive(masked(Opcode.BINARY, Arrays.copyOf(all, 1)));
		for (int i = 1; i < all.length - 1; i++) {
			connection.receive(masked(Opcode.CONTINUATION, Arrays.copyOfRange(all, i, i + 1)));
		}
		connection.receive(masked(FIN | Opcode.CONTINUATION, Arrays.copyOfRange(all, all.length - 1, all.length)));
		assertThat(connection.events()).containsExactly(binary(all));
		assertThat(connection.listener.buffers.get(0).capacity()).isLessThan(2 * all.length);
	}

	@Test
	void neverGrowsTheBufferBeyondMaxMessageSize() {
		Connection connection = new Connection(Role.SERVER, 1024, 1500);
		byte[] fragment = random(700);
		connection.receive(masked(Opcode.BINARY, fragment), masked(Opcode.CONTINUATION, fragment),
				masked(FIN | Opcode.CONTINUATION, Arrays.copyOf(fragment, 100)));
		assertThat(connection.listener.buffers.get(0).capacity()).isEqualTo(1500);
	}

	static byte[] random(int length) {
		byte[] bytes = new byte[length];
		new Random(length).nextBytes(bytes);
		return bytes;
	}

}
