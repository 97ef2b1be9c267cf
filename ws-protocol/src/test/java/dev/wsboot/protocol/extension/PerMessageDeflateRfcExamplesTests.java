package dev.wsboot.protocol.extension;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import dev.wsboot.protocol.BufferKind;
import dev.wsboot.protocol.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of RFC 7692 section 7.2.3, byte for byte. Frame headers are left out: each
 * example's payload, after the two header bytes ({@code c1 07} and the like), is what the
 * extension sees.
 */
class PerMessageDeflateRfcExamplesTests {

	private static final HexFormat HEX = HexFormat.of();

	private static final byte[] HELLO = "Hello".getBytes(StandardCharsets.US_ASCII);

	private static final PerMessageDeflateConfig KEEP_CONTEXT = new PerMessageDeflateConfig(true, false, false, 0, 6);

	private final PerMessageDeflate receiver = PerMessageDeflate.create(Role.CLIENT,
			new PerMessageDeflateParameters(false, false, 0, 0), KEEP_CONTEXT, null);

	@AfterEach
	void release() {
		this.receiver.release();
	}

	@ParameterizedTest
	@EnumSource(BufferKind.class)
	void decodesHelloInOneFrame(BufferKind kind) {
		// 7.2.3.1: c1 07 f2 48 cd c9 c9 07 00
		assertThat(decode(kind, "f248cdc9c90700")).isEqualTo(HELLO);
	}

	@ParameterizedTest
	@EnumSource(BufferKind.class)
	void decodesHelloInTwoFragments(BufferKind kind) {
		// 7.2.3.1: 41 03 f2 48 cd, then 80 04 c9 c9 07 00
		CollectingSink sink = CollectingSink.keeping();
		this.receiver.decode(kind.around(HEX.parseHex("f248cd")), false, sink);
		this.receiver.decode(kind.around(HEX.parseHex("c9c90700")), true, sink);
		assertThat(sink.bytes()).isEqualTo(HELLO);
	}

	@Test
	void decodesHelloTwiceWithContextTakeover() {
		// 7.2.3.2: the second message refers back to the first.
		assertThat(decode(BufferKind.HEAP, "f248cdc9c90700")).isEqualTo(HELLO);
		assertThat(decode(BufferKind.HEAP, "f200110000")).isEqualTo(HELLO);
	}

	@Test
	void decodesHelloInAStoredBlock() {
		// 7.2.3.3: c1 0b 00 05 00 fa ff 48 65 6c 6c 6f 00
		assertThat(decode(BufferKind.HEAP, "000500faff48656c6c6f00")).isEqualTo(HELLO);
	}

	@Test
	void decodesHelloInABlockWithBfinalSetAndThenAnotherMessage() {
		// 7.2.3.4: the final block ends the stream; the 00 after it is skipped.
		assertThat(decode(BufferKind.HEAP, "f348cdc9c9070000")).isEqualTo(HELLO);
		assertThat(decode(BufferKind.HEAP, "f248cdc9c90700")).isEqualTo(HELLO);
	}

	@Test
	void decodesHelloInTwoBlocks() {
		// 7.2.3.5: "He" flushed, then "llo".
		assertThat(decode(BufferKind.HEAP, "f24805000000ffffcac9c90700")).isEqualTo(HELLO);
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "f248cdc9c90700", "000500faff48656c6c6f00", "f348cdc9c9070000", "f24805000000ffffcac9c90700" })
	void decodesEachExampleCutInTwoAtEveryPoint(String payload) {
		byte[] bytes = HEX.parseHex(payload);
		for (int cut = 0; cut <= bytes.length; cut++) {
			CollectingSink sink = CollectingSink.keeping();
			this.receiver.decode(ByteBuffer.wrap(bytes, 0, cut), false, sink);
			this.receiver.decode(ByteBuffer.wrap(bytes, cut, bytes.length - cut), true, sink);
			assertThat(sink.bytes()).as("cut at %d", cut).isEqualTo(HELLO);
		}
	}

	@Test
	void compressesHelloAsTheRfcDoesWithAndWithoutHistory() {
		Compressor compressor = new Compressor(6);
		try {
			assertThat(compress(compressor, HELLO)).isEqualTo("f248cdc9c90700");
			assertThat(compress(compressor, HELLO)).isEqualTo("f200110000");
			compressor.reset();
			assertThat(compress(compressor, HELLO)).isEqualTo("f248cdc9c90700");
		}
		finally {
			compressor.end();
		}
	}

	private byte[] decode(BufferKind kind, String payload) {
		CollectingSink sink = CollectingSink.keeping();
		this.receiver.decode(kind.around(HEX.parseHex(payload)), true, sink);
		return sink.bytes();
	}

	private static String compress(Compressor compressor, byte[] message) {
		ByteBuffer compressed = compressor.compress(ByteBuffer.wrap(message), 64);
		return HEX.formatHex(BufferKind.content(compressed));
	}

}
