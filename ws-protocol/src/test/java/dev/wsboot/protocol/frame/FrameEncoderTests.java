package dev.wsboot.protocol.frame;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.wsboot.protocol.Hex;
import dev.wsboot.protocol.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FrameEncoderTests {

	private static final int RFC_MASK_KEY = 0x37fa213d;

	private final FrameEncoder server = new FrameEncoder(Role.SERVER);

	private final FrameEncoder client = new FrameEncoder(Role.CLIENT, new FixedMaskKeys(RFC_MASK_KEY));

	@Test
	void writesRfcUnmaskedHello() {
		assertThat(Hex.of(this.server.encode(true, Opcode.TEXT, hello()))).isEqualTo("810548656c6c6f");
	}

	@Test
	void writesRfcMaskedHello() {
		assertThat(Hex.of(this.client.encode(true, Opcode.TEXT, hello()))).isEqualTo("818537fa213d7f9f4d5158");
	}

	@Test
	void writesRfcFragmentedUnmaskedText() {
		ByteBuffer first = this.server.encode(false, Opcode.TEXT, ascii("Hel"));
		ByteBuffer last = this.server.encode(true, Opcode.CONTINUATION, ascii("lo"));
		assertThat(Hex.of(first) + Hex.of(last)).isEqualTo("010348656c" + "80026c6f");
	}

	@Test
	void writesRfcUnmaskedPingAndMaskedPong() {
		assertThat(Hex.of(this.server.encode(true, Opcode.PING, hello()))).isEqualTo("890548656c6c6f");
		assertThat(Hex.of(this.client.encode(true, Opcode.PONG, hello()))).isEqualTo("8a8537fa213d7f9f4d5158");
	}

	@ParameterizedTest
	@CsvSource({ "256, 827e0100", "65536, 827f0000000000010000" })
	void writesRfcBinaryHeadersWith16BitAnd64BitLengths(int length, String header) {
		byte[] payload = new byte[length];
		Arrays.fill(payload, (byte) 0x5A);
		ByteBuffer frame = this.server.encode(true, Opcode.BINARY, ByteBuffer.wrap(payload));
		assertThat(frame.remaining()).isEqualTo(header.length() / 2 + length);
		assertThat(Hex.of(frame.slice(0, header.length() / 2))).isEqualTo(header);
		assertThat(frame.slice(header.length() / 2, length)).isEqualTo(ByteBuffer.wrap(payload));
	}

	@ParameterizedTest
	@CsvSource({ "0, 2", "125, 2", "126, 4", "65535, 4", "65536, 10", "9223372036854775807, 10" })
	void sizesHeaderForTheShortestLengthForm(long length, int headerLength) {
		assertThat(FrameEncoder.headerLength(length, false)).isEqualTo(headerLength);
		assertThat(FrameEncoder.headerLength(length, true)).isEqualTo(headerLength + 4);
	}

	@ParameterizedTest
	@CsvSource({ "0, 8200", "125, 827d", "126, 827e007e", "65535, 827effff", "65536, 827f0000000000010000",
			"9223372036854775807, 827f7fffffffffffffff" })
	void writesHeaderInTheShortestLengthForm(long length, String header) {
		ByteBuffer dst = ByteBuffer.allocate(14);
		FrameEncoder.writeHeader(dst, true, 0, Opcode.BINARY, length, false, 0);
		assertThat(Hex.of(dst.flip())).isEqualTo(header);
	}

	@Test
	void writesFinRsvOpcodeAndMaskKey() {
		ByteBuffer dst = ByteBuffer.allocate(14);
		FrameEncoder.writeHeader(dst, false, 0x50, Opcode.CONTINUATION, 126, true, 0x01020304);
		assertThat(Hex.of(dst.flip())).isEqualTo("50fe007e01020304");
	}

	@Test
	void rejectsNegativeLength() {
		assertThatIllegalArgumentException().isThrownBy(() -> FrameEncoder.headerLength(-1, false));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FrameEncoder.writeHeader(ByteBuffer.allocate(14), true, 0, Opcode.BINARY, -1, false, 0));
	}

	@ParameterizedTest
	@ValueSource(ints = { Opcode.CLOSE, Opcode.PING, Opcode.PONG })
	void refusesControlFrameOver125Bytes(int opcode) {
		assertThat(this.server.encode(true, opcode, ByteBuffer.allocate(125)).remaining()).isEqualTo(127);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.server.encode(true, opcode, ByteBuffer.allocate(126)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FrameEncoder.writeHeader(ByteBuffer.allocate(14), true, 0, opcode, 126, false, 0));
	}

	@ParameterizedTest
	@ValueSource(ints = { Opcode.CLOSE, Opcode.PING, Opcode.PONG })
	void refusesFragmentedControlFrame(int opcode) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.encode(false, opcode, hello()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FrameEncoder.writeHeader(ByteBuffer.allocate(14), false, 0, opcode, 0, false, 0));
	}

	@Test
	void refusesRsvBitsOutsideTheirPlaceAndOpcodesOver15() {
		ByteBuffer dst = ByteBuffer.allocate(100);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.server.encode(dst, true, 0x80, Opcode.TEXT, hello()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.server.encode(dst, true, 0x01, Opcode.TEXT, hello()));
		assertThatIllegalArgumentException().isThrownBy(() -> this.server.encode(dst, true, 0, 16, hello()));
		assertThat(dst.position()).isZero();
	}

	@Test
	void writesNothingWhenTheFrameDoesNotFit() {
		ByteBuffer dst = ByteBuffer.allocate(10);
		dst.position(4);
		assertThatExceptionOfType(BufferOverflowException.class)
			.isThrownBy(() -> this.client.encode(dst, true, 0, Opcode.TEXT, hello()));
		assertThatExceptionOfType(BufferOverflowException.class)
			.isThrownBy(() -> FrameEncoder.writeHeader(dst, true, 0, Opcode.BINARY, 65536, false, 0));
		assertThat(dst.position()).isEqualTo(4);
		assertThat(dst.array()).containsOnly(0);
	}

	@Test
	void writesAtThePositionAndAdvancesPastTheFrame() {
		ByteBuffer dst = ByteBuffer.allocate(20);
		dst.position(3);
		this.client.encode(dst, true, 0x40, Opcode.TEXT, hello());
		assertThat(dst.position()).isEqualTo(3 + 11);
		assertThat(Hex.of(dst.flip().position(3))).isEqualTo("c18537fa213d7f9f4d5158");
	}

	@Test
	void leavesThePayloadAsItWas() {
		ByteBuffer payload = ByteBuffer.allocate(9).put(ascii("xxHelloxx")).position(2).limit(7);
		this.client.encode(true, Opcode.TEXT, payload);
		assertThat(payload.position()).isEqualTo(2);
		assertThat(payload.limit()).isEqualTo(7);
		assertThat(new String(payload.array(), StandardCharsets.US_ASCII)).isEqualTo("xxHelloxx");
	}

	@Test
	void masksEachFrameWithAFreshKey() {
		FrameEncoder encoder = new FrameEncoder(Role.CLIENT, new FixedMaskKeys(0x01020304, 0x0A0B0C0D));
		assertThat(Hex.of(encoder.encode(true, Opcode.BINARY, ByteBuffer.allocate(2))))
			.isEqualTo("8282" + "01020304" + "0102");
		assertThat(Hex.of(encoder.encode(true, Opcode.BINARY, ByteBuffer.allocate(2))))
			.isEqualTo("8282" + "0a0b0c0d" + "0a0b");
	}

	@Test
	void takesClientMaskKeysFromASecureRandomByDefault() {
		FrameEncoder encoder = new FrameEncoder(Role.CLIENT);
		ByteBuffer first = encoder.encode(true, Opcode.BINARY, ByteBuffer.allocate(4));
		ByteBuffer second = encoder.encode(true, Opcode.BINARY, ByteBuffer.allocate(4));
		assertThat(first.get(1)).isEqualTo((byte) 0x84);
		// Two equal random 32-bit keys in a row would happen once in four billion runs.
		assertThat(first.getInt(2)).isNotEqualTo(second.getInt(2));
	}

	@Test
	void neverMasksAServerFrame() {
		FrameEncoder encoder = new FrameEncoder(Role.SERVER, null);
		assertThat(Hex.of(encoder.encode(true, Opcode.BINARY, ByteBuffer.wrap(new byte[] { 1, 2 }))))
			.isEqualTo("82020102");
	}

	private static ByteBuffer hello() {
		return ascii("Hello");
	}

	private static ByteBuffer ascii(String text) {
		return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
	}

}
