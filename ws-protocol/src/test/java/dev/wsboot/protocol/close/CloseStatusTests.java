package dev.wsboot.protocol.close;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.wsboot.protocol.ProtocolException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CloseStatusTests {

	private static final HexFormat HEX = HexFormat.of();

	@ParameterizedTest
	@ValueSource(
			ints = { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999 })
	void decodesAValidCode(int code) {
		CloseStatus status = CloseStatus.decode(payload(code, ""));
		assertThat(status.code()).isEqualTo(code);
		assertThat(status.reason()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535 })
	void failsAnInvalidCodeWithProtocolError(int code) {
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> CloseStatus.decode(payload(code, "")))
			.satisfies((ex) -> assertThat(ex.closeCode()).isEqualTo(1002))
			.withMessage("Invalid close code " + code);
	}

	@Test
	void decodesAnEmptyPayloadAsNoStatusReceived() {
		CloseStatus status = CloseStatus.decode(ByteBuffer.allocate(0));
		assertThat(status).isSameAs(CloseStatus.NO_STATUS_RECEIVED);
		assertThat(status.code()).isEqualTo(1005);
		assertThat(status.reason()).isEmpty();
	}

	@Test
	void failsAOneBytePayloadWithProtocolError() {
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> CloseStatus.decode(ByteBuffer.wrap(new byte[] { 0x03 })))
			.satisfies((ex) -> assertThat(ex.closeCode()).isEqualTo(1002));
	}

	@Test
	void failsAPayloadLongerThanAControlFrameAllowsWithProtocolError() {
		ByteBuffer payload = payload(1000, "a".repeat(124));
		assertThat(payload.remaining()).isEqualTo(126);
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> CloseStatus.decode(payload))
			.satisfies((ex) -> assertThat(ex.closeCode()).isEqualTo(1002));
	}

	@ParameterizedTest
	@ValueSource(strings = {
			// Autobahn case 7.5.1: "κόσμε" then a surrogate, then "edited".
			"cebae1bdb9cf83cebcceb5eda080656469746564",
			// A character cut short, a stray continuation byte, an overlong '/'.
			"e282", "80", "c0af", "ff" })
	void failsAReasonThatIsNotUtf8WithInvalidPayloadData(String reasonHex) {
		ByteBuffer payload = ByteBuffer.wrap(HEX.parseHex("03e8" + reasonHex));
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> CloseStatus.decode(payload))
			.satisfies((ex) -> assertThat(ex.closeCode()).isEqualTo(1007));
	}

	@Test
	void checksTheCodeBeforeTheReason() {
		ByteBuffer payload = ByteBuffer.wrap(HEX.parseHex("03ecff"));
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> CloseStatus.decode(payload))
			.satisfies((ex) -> assertThat(ex.closeCode()).isEqualTo(1002));
	}

	@Test
	void decodesTheCodeAndReasonBetweenPositionAndLimitAndLeavesTheBuffer() {
		ByteBuffer buf = ByteBuffer.allocateDirect(16).order(ByteOrder.LITTLE_ENDIAN);
		buf.put(HEX.parseHex("ff0fa0c3a9ff")).flip().position(1).limit(5);
		CloseStatus status = CloseStatus.decode(buf);
		assertThat(status).isEqualTo(new CloseStatus(4000, "é"));
		assertThat(buf.position()).isEqualTo(1);
		assertThat(buf.limit()).isEqualTo(5);
	}

	@Test
	void decodesAReasonOfTheLongestLength() {
		String reason = "é".repeat(61) + "x";
		CloseStatus status = CloseStatus.decode(payload(1001, reason));
		assertThat(status).isEqualTo(new CloseStatus(1001, reason));
	}

	@Test
	void encodesTheCodeInNetworkOrderThenTheReason() {
		CloseStatus status = new CloseStatus(1000, "Bye");
		assertThat(status.encodedLength()).isEqualTo(5);
		assertThat(status.toPayload()).isEqualTo(HEX.parseHex("03e8427965"));
		ByteBuffer dst = ByteBuffer.allocateDirect(8).order(ByteOrder.LITTLE_ENDIAN).position(1);
		status.encode(dst);
		assertThat(dst.position()).isEqualTo(6);
		byte[] written = new byte[5];
		dst.get(1, written);
		assertThat(written).isEqualTo(HEX.parseHex("03e8427965"));
	}

	@Test
	void encodesACodeWithoutAReasonAsTwoBytes() {
		assertThat(CloseStatus.GOING_AWAY.toPayload()).isEqualTo(HEX.parseHex("03e9"));
		assertThat(new CloseStatus(4999, null).toPayload()).isEqualTo(HEX.parseHex("1387"));
	}

	@ParameterizedTest
	@ValueSource(ints = { 1005, 1006, 1015 })
	void encodesACodeThatMustNotBeSentAsAnEmptyPayload(int code) {
		CloseStatus status = new CloseStatus(code, "connection reset");
		assertThat(status.encodedLength()).isZero();
		assertThat(status.toPayload()).isEmpty();
		ByteBuffer dst = ByteBuffer.allocate(4);
		status.encode(dst);
		assertThat(dst.position()).isZero();
	}

	@Test
	void writesNothingWhenTheBufferIsTooSmall() {
		ByteBuffer dst = ByteBuffer.allocate(4);
		assertThatExceptionOfType(BufferOverflowException.class)
			.isThrownBy(() -> new CloseStatus(1000, "Bye").encode(dst));
		assertThat(dst.position()).isZero();
		assertThat(dst.array()).containsOnly(0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Bye", "κόσμε", "終わり", "😀 done", "\uFFFF" })
	void decodesWhatItEncodes(String reason) {
		for (int code : new int[] { 1000, 1003, 1007, 1011, 1014, 3000, 4999 }) {
			CloseStatus status = new CloseStatus(code, reason);
			assertThat(CloseStatus.decode(ByteBuffer.wrap(status.toPayload()))).isEqualTo(status);
		}
	}

	@Test
	void decodesWhatItEncodesForTheLongestReason() {
		CloseStatus status = CloseStatus.of(3000, "終".repeat(50));
		assertThat(status.encodedLength()).isEqualTo(125);
		assertThat(CloseStatus.decode(ByteBuffer.wrap(status.toPayload()))).isEqualTo(status);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Bye", "κόσμε 😀" })
	void keepsAReasonThatFits(String reason) {
		assertThat(CloseStatus.of(1000, reason).reason()).isSameAs(reason);
		String longest = "a".repeat(123 - reason.getBytes(StandardCharsets.UTF_8).length) + reason;
		assertThat(CloseStatus.of(1000, longest).reason()).isSameAs(longest);
	}

	@ParameterizedTest(name = "{0} ASCII, \"{1}\" and \"!\" keep {2} bytes")
	@CsvSource({ "123, '', 123", "121, é, 123", "122, é, 122", "120, €, 123", "121, €, 121", "122, €, 122",
			"119, 😀, 123", "120, 😀, 120", "121, 😀, 121", "122, 😀, 122" })
	void truncatesTheReasonOnACharacterBoundary(int ascii, String character, int expectedBytes) {
		String reason = "a".repeat(ascii) + character + "!";
		CloseStatus status = CloseStatus.of(1000, reason);
		String kept = "a".repeat(ascii) + ((expectedBytes == 123) ? character : "");
		assertThat(status.reason()).isEqualTo(kept);
		assertThat(status.reason().getBytes(StandardCharsets.UTF_8)).hasSize(expectedBytes);
		assertThat(status.encodedLength()).isEqualTo(2 + expectedBytes);
	}

	@Test
	void truncatesAReasonOfManyCharactersOfEachLength() {
		String reason = "aé€😀".repeat(20);
		CloseStatus status = CloseStatus.of(1000, reason);
		// Each repetition takes 1 + 2 + 3 + 4 = 10 bytes: 12 of them fit, then "aé", and
		// "€" would make 126.
		assertThat(status.reason()).isEqualTo("aé€😀".repeat(12) + "aé");
		assertThat(status.reason().getBytes(StandardCharsets.UTF_8)).hasSize(123);
	}

	@Test
	void ofTakesANullReasonAsNone() {
		assertThat(CloseStatus.of(1000, null).reason()).isEmpty();
	}

	@Test
	void takesANullReasonAsNone() {
		assertThat(new CloseStatus(1000, null)).isEqualTo(CloseStatus.NORMAL);
	}

	@Test
	void rejectsAReasonLongerThan123Bytes() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new CloseStatus(1000, "é".repeat(62)))
			.withMessage("Close reason of 124 bytes is longer than 123");
	}

	@ParameterizedTest
	@ValueSource(ints = { -1, 0, 999, 1004, 1016, 2999, 5000, 65536 })
	void rejectsACodeThatIsNeitherSentNorLocal(int code) {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new CloseStatus(code, ""))
			.withMessage("Invalid close code " + code);
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> CloseStatus.of(code, ""));
	}

	@Test
	void hasConstantsForTheCommonCodes() {
		assertThat(CloseStatus.NORMAL).isEqualTo(new CloseStatus(1000, ""));
		assertThat(CloseStatus.GOING_AWAY.code()).isEqualTo(1001);
		assertThat(CloseStatus.PROTOCOL_ERROR.code()).isEqualTo(1002);
		assertThat(CloseStatus.UNSUPPORTED_DATA.code()).isEqualTo(1003);
		assertThat(CloseStatus.NO_STATUS_RECEIVED.code()).isEqualTo(1005);
		assertThat(CloseStatus.ABNORMAL_CLOSURE.code()).isEqualTo(1006);
		assertThat(CloseStatus.INVALID_PAYLOAD_DATA.code()).isEqualTo(1007);
		assertThat(CloseStatus.POLICY_VIOLATION.code()).isEqualTo(1008);
		assertThat(CloseStatus.MESSAGE_TOO_BIG.code()).isEqualTo(1009);
		assertThat(CloseStatus.MANDATORY_EXTENSION.code()).isEqualTo(1010);
		assertThat(CloseStatus.INTERNAL_ERROR.code()).isEqualTo(1011);
		assertThat(CloseStatus.SERVICE_RESTART.code()).isEqualTo(1012);
		assertThat(CloseStatus.TRY_AGAIN_LATER.code()).isEqualTo(1013);
	}

	@Test
	void printsTheCodeAndTheReasonIfAny() {
		assertThat(new CloseStatus(1000, "Bye")).hasToString("1000 Bye");
		assertThat(CloseStatus.NORMAL).hasToString("1000");
		assertThat(CloseStatus.NO_STATUS_RECEIVED).hasToString("1005");
	}

	private static ByteBuffer payload(int code, String reason) {
		byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
		return ByteBuffer.allocate(2 + reasonBytes.length).putShort((short) code).put(reasonBytes).flip();
	}

}
