package dev.wsboot.protocol.extension;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import dev.wsboot.protocol.BufferKind;
import dev.wsboot.protocol.ProtocolException;
import dev.wsboot.protocol.Role;
import dev.wsboot.protocol.close.CloseCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PerMessageDeflateTests {

	private static final HexFormat HEX = HexFormat.of();

	private static final PerMessageDeflateConfig KEEP_CONTEXT = new PerMessageDeflateConfig(true, false, false, 0, 6);

	private static final PerMessageDeflateConfig NO_CONTEXT = new PerMessageDeflateConfig(true, true, true, 0, 6);

	private static final PerMessageDeflateParameters KEEPING = new PerMessageDeflateParameters(false, false, 0, 0);

	private static final PerMessageDeflateParameters FORGETTING = new PerMessageDeflateParameters(true, true, 0, 0);

	private final Random random = new Random(0x5EED_7692L);

	private final DeflatePool pool = new DeflatePool(6, 4);

	@AfterEach
	void closePool() {
		this.pool.close();
	}

	@Test
	void ownsRsv1AndNamesItself() {
		PerMessageDeflate extension = PerMessageDeflate.create(Role.SERVER, FORGETTING, NO_CONTEXT, null);
		assertThat(extension.name()).isEqualTo("permessage-deflate");
		assertThat(extension.rsvBits()).isEqualTo(0x40);
		assertThat(extension.headerValue())
			.isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
		assertThat(extension.parameters()).isEqualTo(FORGETTING);
	}

	@Test
	void holdsNoNativeStateUntilItCompressesOrInflates() {
		PerMessageDeflate extension = PerMessageDeflate.create(Role.SERVER, KEEPING, KEEP_CONTEXT, this.pool);
		assertThat(extension.compressor()).isNull();
		assertThat(extension.decompressor()).isNull();
		assertThat(extension.encode(ByteBuffer.wrap(DeflateSamples.text(this.random, 1000)))).isNotNull();
		assertThat(extension.compressor()).isNotNull();
		assertThat(extension.decompressor()).isNull();
		extension.decode(ByteBuffer.wrap(HEX.parseHex("f248cdc9c90700")), true, CollectingSink.keeping());
		assertThat(extension.decompressor()).isNotNull();
		extension.release();
	}

	@Test
	void borrowsPerMessageInDirectionsWithoutContextTakeover() {
		PerMessageDeflate extension = PerMessageDeflate.create(Role.SERVER, FORGETTING, NO_CONTEXT, this.pool);
		assertThat(extension.encode(ByteBuffer.wrap(DeflateSamples.text(this.random, 1000)))).isNotNull();
		assertThat(extension.compressor()).isNull();
		assertThat(this.pool.idleCompressors()).isEqualTo(1);
		extension.decode(ByteBuffer.wrap(HEX.parseHex("f248cd")), false, CollectingSink.keeping());
		assertThat(extension.decompressor()).isNotNull();
		assertThat(this.pool.idleDecompressors()).isZero();
		extension.decode(ByteBuffer.wrap(HEX.parseHex("c9c90700")), true, CollectingSink.keeping());
		assertThat(extension.decompressor()).isNull();
		assertThat(this.pool.idleDecompressors()).isEqualTo(1);
		extension.release();
	}

	@Test
	void keepsItsOwnStateWithoutAPoolAndForgetsBetweenMessages() {
		PerMessageDeflate extension = PerMessageDeflate.create(Role.CLIENT, FORGETTING, NO_CONTEXT, null);
		CollectingSink sink = CollectingSink.keeping();
		extension.decode(ByteBuffer.wrap(HEX.parseHex("f248cdc9c90700")), true, sink);
		assertThat(extension.decompressor()).isNotNull();
		// The second Hello of RFC 7692 section 7.2.3.2 refers to the first, which a
		// decompressor without context takeover has forgotten.
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> extension.decode(ByteBuffer.wrap(HEX.parseHex("f200110000")), true, sink))
			.satisfies((ex) -> assertThat(ex.closeCode()).isEqualTo(CloseCodes.INVALID_PAYLOAD_DATA));
		extension.release();
	}

	@Test
	void sendsMessagesBelowTheMinimumUncompressedWithoutTouchingThem() {
		PerMessageDeflateConfig config = new PerMessageDeflateConfig(true, false, false, 100, 6);
		PerMessageDeflate extension = PerMessageDeflate.create(Role.SERVER, KEEPING, config, null);
		ByteBuffer message = BufferKind.HEAP_SLICE.around(new byte[99]);
		int position = message.position();
		assertThat(extension.encode(message)).isNull();
		assertThat(message.position()).isEqualTo(position);
		assertThat(extension.compressor()).isNull();
		assertThat(extension.encode(ByteBuffer.wrap(new byte[100]))).isNotNull();
		extension.release();
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 5, 100, 5000 })
	void sendsMessagesThatWouldNotShrinkUncompressedAndLeavesThem(int length) {
		PerMessageDeflate extension = PerMessageDeflate.create(Role.SERVER, KEEPING, KEEP_CONTEXT, null);
		byte[] bytes = DeflateSamples.incompressible(this.random, length);
		ByteBuffer message = BufferKind.DIRECT_SLICE.around(bytes);
		assertThat(extension.encode(message)).isNull();
		assertThat(BufferKind.content(message)).isEqualTo(bytes);
		assertThat(BufferKind.paddingIntact(message)).isTrue();
		extension.release();
	}

	@Test
	void sendsAnEmptyMessageUncompressedAfterACompressedOne() {
		// zlib flushes nothing for no input after a flush, not even the tail.
		PerMessageDeflate extension = PerMessageDeflate.create(Role.SERVER, KEEPING, KEEP_CONTEXT, null);
		assertThat(extension.encode(ByteBuffer.wrap(DeflateSamples.text(this.random, 1000)))).isNotNull();
		assertThat(extension.encode(ByteBuffer.allocate(0))).isNull();
		extension.release();
	}

	@Test
	void forgetsTheWindowAfterAMessageItDidNotSend() {
		PerMessageDeflate sender = PerMessageDeflate.create(Role.SERVER, KEEPING, KEEP_CONTEXT, null);
		PerMessageDeflate receiver = PerMessageDeflate.create(Role.CLIENT, KEEPING, KEEP_CONTEXT, null);
		byte[] first = DeflateSamples.text(this.random, 2000);
		assertThat(DeflateSamples.send(this.random, sender, receiver, first).received()).isEqualTo(first);
		// Incompressible, so sent as it is: the receiver's window never sees it.
		byte[] skipped = DeflateSamples.incompressible(this.random, 3000);
		assertThat(DeflateSamples.send(this.random, sender, receiver, skipped).wire()).isNull();
		DeflateSamples.Delivery repeat = DeflateSamples.send(this.random, sender, receiver, skipped);
		assertThat(repeat.wire()).isNull();
		byte[] again = DeflateSamples.text(this.random, 2000);
		assertThat(DeflateSamples.send(this.random, sender, receiver, again).received()).isEqualTo(again);
		sender.release();
		receiver.release();
	}

	@Test
	void usesTheWindowOfEarlierMessagesWithContextTakeover() {
		byte[] message = DeflateSamples.text(this.random, 4000);
		int keeping = compressedLengthOfSecondCopy(KEEPING, KEEP_CONTEXT, message);
		int forgetting = compressedLengthOfSecondCopy(FORGETTING, NO_CONTEXT, message);
		// A copy of the previous message is a few references of 258 bytes each.
		assertThat(keeping).isLessThan(100).isLessThan(forgetting / 10);
	}

	@Test
	void stopsInflatingABombOneChunkPastTheLimit() {
		int limit = 1 << 20;
		byte[] zeros = new byte[limit + (64 << 10)];
		Compressor compressor = new Compressor(9);
		byte[] bomb = BufferKind.content(compressor.compress(ByteBuffer.wrap(zeros), Integer.MAX_VALUE));
		compressor.end();
		assertThat(bomb.length).isLessThan(1200);
		PerMessageDeflate extension = PerMessageDeflate.create(Role.SERVER, KEEPING, KEEP_CONTEXT, null);
		CollectingSink sink = CollectingSink.counting(limit);
		ByteBuffer part = ByteBuffer.wrap(bomb);
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> extension.decode(part, true, sink))
			.satisfies((ex) -> assertThat(ex.closeCode()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG));
		assertThat(sink.total()).isGreaterThan(limit).isLessThanOrEqualTo(limit + Decompressor.CHUNK_SIZE);
		assertThat(sink.largestPiece()).isEqualTo(Decompressor.CHUNK_SIZE);
		// It stopped with input left, rather than inflating it all.
		assertThat(part.hasRemaining()).isTrue();
		extension.release();
	}

	@Test
	void handsTheSinkPiecesOfAtMostOneChunk() {
		byte[] message = DeflateSamples.text(this.random, 100_000);
		PerMessageDeflate sender = PerMessageDeflate.create(Role.CLIENT, KEEPING, KEEP_CONTEXT, null);
		PerMessageDeflate receiver = PerMessageDeflate.create(Role.SERVER, KEEPING, KEEP_CONTEXT, null);
		CollectingSink sink = CollectingSink.keeping();
		receiver.decode(sender.encode(ByteBuffer.wrap(message)), true, sink);
		assertThat(sink.bytes()).isEqualTo(message);
		assertThat(sink.largestPiece()).isEqualTo(Decompressor.CHUNK_SIZE);
		assertThat(sink.pieces()).isEqualTo((message.length + Decompressor.CHUNK_SIZE - 1) / Decompressor.CHUNK_SIZE);
		sender.release();
		receiver.release();
	}

	@ParameterizedTest
	@ValueSource(strings = { "ff", "06", "f248cdc9c907ff", "0700", "000500fafe48656c6c6f", "f200110000" })
	void failsACorruptStreamWith1007(String payload) {
		PerMessageDeflate extension = PerMessageDeflate.create(Role.SERVER, KEEPING, KEEP_CONTEXT, null);
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> extension.decode(ByteBuffer.wrap(HEX.parseHex(payload)), true, CollectingSink.keeping()))
			.satisfies((ex) -> assertThat(ex.closeCode()).isEqualTo(CloseCodes.INVALID_PAYLOAD_DATA))
			.withMessageStartingWith("Invalid compressed data: ");
		extension.release();
	}

	@Test
	void compressesOnlyMessagesThatFitAWindowThePeerLimits() {
		// The client offered server_max_window_bits=8: 256 bytes.
		PerMessageDeflateParameters terms = PerMessageDeflateNegotiation
			.negotiate(ExtensionOffer.parse("permessage-deflate; server_max_window_bits=8"), KEEP_CONTEXT);
		PerMessageDeflate extension = PerMessageDeflate.create(Role.SERVER, terms, KEEP_CONTEXT, null);
		// Far references pay off: the second half repeats the first, 200 bytes back.
		byte[] fits = doubled(DeflateSamples.incompressible(this.random, 128));
		byte[] tooLong = doubled(DeflateSamples.incompressible(this.random, 129));
		for (int i = 0; i < 3; i++) {
			ByteBuffer compressed = extension.encode(ByteBuffer.wrap(fits));
			DeflateReader.Decoded decoded = DeflateReader.decode(withTail(compressed));
			assertThat(decoded.bytes()).isEqualTo(fits);
			assertThat(decoded.farthestReference()).isEqualTo(128);
			assertThat(extension.encode(ByteBuffer.wrap(tooLong))).isNull();
		}
		assertThat(extension.canSendStandalone(256)).isTrue();
		assertThat(extension.canSendStandalone(257)).isFalse();
		extension.release();
	}

	@Test
	void honoursALimitOnTheClientsWindowToo() {
		PerMessageDeflateParameters terms = new PerMessageDeflateParameters(false, false, 0, 9);
		PerMessageDeflate client = PerMessageDeflate.create(Role.CLIENT, terms, KEEP_CONTEXT, this.pool);
		PerMessageDeflate server = PerMessageDeflate.create(Role.SERVER, terms, KEEP_CONTEXT, this.pool);
		byte[] fits = doubled(DeflateSamples.text(this.random, 250));
		assertThat(fits.length).isLessThanOrEqualTo(512);
		ByteBuffer compressed = client.encode(ByteBuffer.wrap(fits));
		assertThat(DeflateReader.decode(withTail(compressed)).bytes()).isEqualTo(fits);
		assertThat(client.encode(ByteBuffer.wrap(DeflateSamples.text(this.random, 513)))).isNull();
		// The server's own window is not limited.
		assertThat(server.encode(ByteBuffer.wrap(DeflateSamples.text(this.random, 513)))).isNotNull();
		client.release();
		server.release();
	}

	@Test
	void compressesStandaloneForEveryConnectionThatForgetsItsWindow() {
		byte[] message = DeflateSamples.text(this.random, 5000);
		ByteBuffer shared = PerMessageDeflate.compressStandalone(ByteBuffer.wrap(message), this.pool);
		assertThat(this.pool.idleCompressors()).isEqualTo(1);
		byte[] wire = BufferKind.content(shared);
		assertThat(DeflateReader.decode(withTail(shared)).bytes()).isEqualTo(message);
		PerMessageDeflate forgetting = PerMessageDeflate.create(Role.SERVER, FORGETTING, NO_CONTEXT, this.pool);
		PerMessageDeflate keeping = PerMessageDeflate.create(Role.SERVER, KEEPING, KEEP_CONTEXT, this.pool);
		assertThat(forgetting.canSendStandalone(message.length)).isTrue();
		assertThat(keeping.canSendStandalone(message.length)).isFalse();
		// A receiver that keeps its window, as the one for a keeping sender, reads it
		// too.
		PerMessageDeflate receiver = PerMessageDeflate.create(Role.CLIENT, KEEPING, KEEP_CONTEXT, null);
		byte[] earlier = DeflateSamples.text(this.random, 3000);
		assertThat(DeflateSamples.send(this.random, keeping, receiver, earlier).received()).isEqualTo(earlier);
		CollectingSink sink = CollectingSink.keeping();
		receiver.decode(ByteBuffer.wrap(wire), true, sink);
		assertThat(sink.bytes()).isEqualTo(message);
		forgetting.release();
		assertThat(forgetting.canSendStandalone(message.length)).isFalse();
		keeping.release();
		receiver.release();
	}

	@Test
	void compressesStandaloneOnlyWhatShrinks() {
		ByteBuffer message = ByteBuffer.wrap(DeflateSamples.incompressible(this.random, 1000));
		assertThat(PerMessageDeflate.compressStandalone(message, this.pool)).isNull();
		assertThat(message.remaining()).isEqualTo(1000);
	}

	@Test
	void releaseEndsTheNativeStateItHolds() {
		PerMessageDeflate extension = PerMessageDeflate.create(Role.SERVER, KEEPING, KEEP_CONTEXT, this.pool);
		extension.encode(ByteBuffer.wrap(DeflateSamples.text(this.random, 1000)));
		extension.decode(ByteBuffer.wrap(HEX.parseHex("f248cdc9c90700")), true, CollectingSink.keeping());
		Compressor compressor = extension.compressor();
		Decompressor decompressor = extension.decompressor();
		extension.release();
		assertThat(extension.compressor()).isNull();
		assertThat(extension.decompressor()).isNull();
		assertThat(this.pool.idleCompressors()).isZero();
		assertThat(this.pool.idleDecompressors()).isZero();
		ZlibEnded.assertEnded(() -> compressor.compress(ByteBuffer.wrap(new byte[10]), Integer.MAX_VALUE),
				"Deflater has been closed");
		ZlibEnded.assertEnded(() -> decompressor.inflate(ByteBuffer.wrap(new byte[1]), CollectingSink.keeping()),
				"Inflater has been closed");
	}

	@Test
	void releaseGivesABorrowedDecompressorBackMidMessage() {
		PerMessageDeflate extension = PerMessageDeflate.create(Role.SERVER, FORGETTING, NO_CONTEXT, this.pool);
		extension.decode(ByteBuffer.wrap(HEX.parseHex("f248cd")), false, CollectingSink.keeping());
		extension.release();
		assertThat(this.pool.idleDecompressors()).isEqualTo(1);
		// Given back clean: it inflates a new message from its start.
		PerMessageDeflate next = PerMessageDeflate.create(Role.SERVER, FORGETTING, NO_CONTEXT, this.pool);
		CollectingSink sink = CollectingSink.keeping();
		next.decode(ByteBuffer.wrap(HEX.parseHex("f248cdc9c90700")), true, sink);
		assertThat(sink.bytes()).isEqualTo("Hello".getBytes());
		next.release();
	}

	@Test
	void failsClearlyWhenUsedAfterRelease() {
		PerMessageDeflate extension = PerMessageDeflate.create(Role.SERVER, KEEPING, KEEP_CONTEXT, null);
		extension.release();
		extension.release();
		assertThatIllegalStateException().isThrownBy(() -> extension.encode(ByteBuffer.allocate(10)))
			.withMessage("permessage-deflate extension was released");
		assertThatIllegalStateException()
			.isThrownBy(() -> extension.decode(ByteBuffer.allocate(1), true, CollectingSink.keeping()))
			.withMessage("permessage-deflate extension was released");
	}

	@Test
	void refusesAPoolOfAnotherLevel() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PerMessageDeflate.create(Role.SERVER, KEEPING, PerMessageDeflateConfig.DEFAULTS,
					new DeflatePool(1, 1)))
			.withMessage("Pool compresses at level 1, configuration asks for 6");
	}

	private int compressedLengthOfSecondCopy(PerMessageDeflateParameters terms, PerMessageDeflateConfig config,
			byte[] message) {
		PerMessageDeflate extension = PerMessageDeflate.create(Role.SERVER, terms, config, this.pool);
		extension.encode(ByteBuffer.wrap(message));
		int length = extension.encode(ByteBuffer.wrap(message)).remaining();
		extension.release();
		return length;
	}

	private static byte[] doubled(byte[] half) {
		byte[] whole = Arrays.copyOf(half, 2 * half.length);
		System.arraycopy(half, 0, whole, half.length, half.length);
		return whole;
	}

	private static byte[] withTail(ByteBuffer compressed) {
		byte[] payload = BufferKind.content(compressed);
		byte[] stream = Arrays.copyOf(payload, payload.length + Compressor.TAIL.length);
		System.arraycopy(Compressor.TAIL, 0, stream, payload.length, Compressor.TAIL.length);
		return stream;
	}

}
