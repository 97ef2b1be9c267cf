package dev.wsboot.protocol.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import dev.wsboot.protocol.Reads;
import dev.wsboot.protocol.BufferKind;
import dev.wsboot.protocol.Hex;
import dev.wsboot.protocol.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.wsboot.protocol.frame.RecordingFrameListener.header;
import static dev.wsboot.protocol.frame.RecordingFrameListener.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FrameParserTests {

	private static final String HELLO = "48 65 6c 6c 6f";

	private final RecordingFrameListener listener = new RecordingFrameListener();

	private final FrameParser parser = new FrameParser(this.listener);

	@ParameterizedTest
	@EnumSource(Reads.class)
	void readsRfcUnmaskedHello(Reads reads) {
		feed(reads, "81 05 " + HELLO);
		assertThat(this.listener.events).containsExactly(header(true, 0, Opcode.TEXT, false, 5), payload(HELLO), "end");
	}

	@ParameterizedTest
	@EnumSource(Reads.class)
	void unmasksRfcMaskedHello(Reads reads) {
		feed(reads, "81 85 37 fa 21 3d 7f 9f 4d 51 58");
		assertThat(this.listener.events).containsExactly(header(true, 0, Opcode.TEXT, true, 5), payload(HELLO), "end");
	}

	@ParameterizedTest
	@EnumSource(Reads.class)
	void readsRfcFragmentedUnmaskedText(Reads reads) {
		feed(reads, "01 03 48 65 6c 80 02 6c 6f");
		assertThat(this.listener.events).containsExactly(header(false, 0, Opcode.TEXT, false, 3), payload("48 65 6c"),
				"end", header(true, 0, Opcode.CONTINUATION, false, 2), payload("6c 6f"), "end");
	}

	@ParameterizedTest
	@EnumSource(Reads.class)
	void readsRfcPingAndMaskedPong(Reads reads) {
		feed(reads, "89 05 " + HELLO + " 8a 85 37 fa 21 3d 7f 9f 4d 51 58");
		assertThat(this.listener.events).containsExactly(header(true, 0, Opcode.PING, false, 5), payload(HELLO), "end",
				header(true, 0, Opcode.PONG, true, 5), payload(HELLO), "end");
	}

	@Test
	void unmasksPayloadInPlaceInTheInput() {
		byte[] frame = Hex.bytes("81 85 37 fa 21 3d 7f 9f 4d 51 58");
		this.parser.parse(ByteBuffer.wrap(frame));
		assertThat(Arrays.copyOfRange(frame, 6, 11)).isEqualTo("Hello".getBytes(StandardCharsets.US_ASCII));
	}

	@ParameterizedTest
	@EnumSource(BufferKind.class)
	void unmasksPayloadSplitAcrossReadsAtEveryOffset(BufferKind kind) {
		byte[] frame = Hex.bytes("81 85 37 fa 21 3d 7f 9f 4d 51 58");
		for (int split = 1; split < frame.length; split++) {
			RecordingFrameListener recorder = new RecordingFrameListener();
			FrameParser splitParser = new FrameParser(recorder);
			splitParser.parse(Reads.read(frame, 0, split, kind));
			splitParser.parse(Reads.read(frame, split, frame.length - split, kind));
			assertThat(recorder.events).as("split at %d", split)
				.containsExactly(header(true, 0, Opcode.TEXT, true, 5), payload(HELLO), "end");
		}
	}

	@ParameterizedTest
	@CsvSource({ "82 7D, 125", "82 7E 00 7E, 126", "82 7E 01 00, 256", "82 7E FF FF, 65535",
			"82 7F 00 00 00 00 00 01 00 00, 65536", "82 7F 7F FF FF FF FF FF FF FF, 9223372036854775807" })
	void readsEachLengthFormAtItsBoundaries(String header, long length) {
		this.parser.parse(ByteBuffer.wrap(Hex.bytes(header)));
		assertThat(this.listener.events).containsExactly(header(true, 0, Opcode.BINARY, false, length));
		assertThat(this.parser.isIdle()).isFalse();
	}

	@ParameterizedTest
	@EnumSource(Reads.class)
	void readsRfcBinaryWith16BitAnd64BitLengths(Reads reads) {
		byte[] small = new byte[256];
		byte[] large = new byte[65536];
		new Random(1).nextBytes(small);
		new Random(2).nextBytes(large);
		byte[] input = concat(Hex.bytes("82 7E 01 00"), small, Hex.bytes("82 7F 00 00 00 00 00 01 00 00"), large);
		reads.feed(input, new Random(3), this.parser::parse);
		assertThat(this.listener.events).containsExactly(header(true, 0, Opcode.BINARY, false, 256),
				payload(Hex.of(small)), "end", header(true, 0, Opcode.BINARY, false, 65536), payload(Hex.of(large)),
				"end");
	}

	@ParameterizedTest
	@CsvSource({ "82 7E 00 00", "82 7E 00 7D", "82 FE 00 7D 00 00 00 00", "82 7F 00 00 00 00 00 00 00 00",
			"82 7F 00 00 00 00 00 00 00 7D", "82 7F 00 00 00 00 00 00 FF FF" })
	void rejectsLengthNotInItsShortestFormWith1002(String header) {
		for (Reads reads : Reads.values()) {
			assertThat(failure(new FrameParser(this.listener), reads, header).closeCode()).as(reads.name())
				.isEqualTo(1002);
		}
	}

	@ParameterizedTest
	@CsvSource({ "82 7F 80 00 00 00 00 00 00 00", "82 7F FF FF FF FF FF FF FF FF", "82 FF 80 00 00 00 00 01 00 00" })
	void rejects64BitLengthWithMostSignificantBitSetWith1002(String header) {
		for (Reads reads : Reads.values()) {
			assertThat(failure(new FrameParser(this.listener), reads, header).closeCode()).as(reads.name())
				.isEqualTo(1002);
		}
	}

	@Test
	void rejectsBadLengthBeforeTheListenerSeesTheHeader() {
		failure(this.parser, Reads.WHOLE, "82 7E 00 05");
		assertThat(this.listener.events).isEmpty();
	}

	@Test
	void failsForGoodAfterAProtocolError() {
		failure(this.parser, Reads.WHOLE, "82 7E 00 05");
		assertThat(this.parser.isFailed()).isTrue();
		assertThat(this.parser.isIdle()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> this.parser.parse(ByteBuffer.wrap(Hex.bytes("89 00"))));
		assertThat(this.listener.events).isEmpty();
	}

	@Test
	void failsAndConsumesTheInputWhenTheListenerThrows() {
		FrameParser failing = new FrameParser(new RecordingFrameListener() {

			@Override
			public void onFramePayload(ByteBuffer payload) {
				throw new ProtocolException(1007, "no");
			}

		});
		ByteBuffer in = ByteBuffer.wrap(Hex.bytes("81 05 " + HELLO + " 89 00"));
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> failing.parse(in))
			.satisfies((ex) -> assertThat(ex.closeCode()).isEqualTo(1007));
		assertThat(in.position()).isEqualTo(in.limit()).isEqualTo(in.capacity());
		assertThat(failing.isFailed()).isTrue();
		assertThatIllegalStateException().isThrownBy(() -> failing.parse(ByteBuffer.allocate(1)));
	}

	@Test
	void pausedAtAFramesEndLeavesTheNextFramesInTheBuffer() {
		RecordingFrameListener recorder = new RecordingFrameListener();
		FrameParser[] parser = new FrameParser[1];
		parser[0] = new FrameParser(new PausingListener(recorder, "end", () -> parser[0].pause()));
		ByteBuffer in = ByteBuffer.wrap(Hex.bytes("81 05 " + HELLO + " 89 00 81 85 37 fa 21 3d 7f 9f 4d 51 58"));
		parser[0].parse(in);
		assertThat(recorder.events).containsExactly(header(true, 0, Opcode.TEXT, false, 5), payload(HELLO), "end");
		assertThat(in.position()).isEqualTo(7);
		assertThat(parser[0].isIdle()).isTrue();
		// The rest, copied elsewhere as a connection that changes threads would.
		ByteBuffer rest = ByteBuffer.allocate(in.remaining()).put(in).flip();
		parser[0].parse(rest);
		assertThat(rest.position()).isEqualTo(rest.limit());
		assertThat(recorder.events).containsExactly(header(true, 0, Opcode.TEXT, false, 5), payload(HELLO), "end",
				header(true, 0, Opcode.PING, false, 0), "end", header(true, 0, Opcode.TEXT, true, 5), payload(HELLO),
				"end");
	}

	@Test
	void pausedInAHeaderGoesOnWithTheMaskedPayload() {
		RecordingFrameListener recorder = new RecordingFrameListener();
		FrameParser[] parser = new FrameParser[1];
		parser[0] = new FrameParser(new PausingListener(recorder, "header", () -> parser[0].pause()));
		ByteBuffer in = ByteBuffer.wrap(Hex.bytes("81 85 37 fa 21 3d 7f 9f 4d 51 58"));
		parser[0].parse(in);
		assertThat(recorder.events).containsExactly(header(true, 0, Opcode.TEXT, true, 5));
		assertThat(in.position()).isEqualTo(6);
		assertThat(parser[0].isIdle()).isFalse();
		parser[0].parse(ByteBuffer.allocate(in.remaining()).put(in).flip());
		assertThat(recorder.events).containsExactly(header(true, 0, Opcode.TEXT, true, 5), payload(HELLO), "end");
	}

	/** Passes events on to a recorder, and pauses after the first of one kind. */
	private static final class PausingListener implements FrameListener {

		private final RecordingFrameListener recorder;

		private final String pauseAfter;

		private Runnable pause;

		PausingListener(RecordingFrameListener recorder, String pauseAfter, Runnable pause) {
			this.recorder = recorder;
			this.pauseAfter = pauseAfter;
			this.pause = pause;
		}

		@Override
		public void onFrameHeader(boolean fin, int rsv, int opcode, boolean masked, long payloadLength) {
			this.recorder.onFrameHeader(fin, rsv, opcode, masked, payloadLength);
			pauseOnce("header");
		}

		@Override
		public void onFramePayload(ByteBuffer payload) {
			this.recorder.onFramePayload(payload);
		}

		@Override
		public void onFrameEnd() {
			this.recorder.onFrameEnd();
			pauseOnce("end");
		}

		private void pauseOnce(String event) {
			if (event.equals(this.pauseAfter) && this.pause != null) {
				this.pause.run();
				this.pause = null;
			}
		}

	}

	@Test
	void tracksWhetherItIsBetweenFrames() {
		assertThat(this.parser.isIdle()).isTrue();
		this.parser.parse(ByteBuffer.wrap(Hex.bytes("81")));
		assertThat(this.parser.isIdle()).isFalse();
		this.parser.parse(ByteBuffer.wrap(Hex.bytes("05 48 65")));
		assertThat(this.parser.isIdle()).isFalse();
		this.parser.parse(ByteBuffer.wrap(Hex.bytes("6c 6c 6f")));
		assertThat(this.parser.isIdle()).isTrue();
		this.parser.parse(ByteBuffer.wrap(Hex.bytes("89 00")));
		assertThat(this.parser.isIdle()).isTrue();
		assertThat(this.parser.isFailed()).isFalse();
	}

	@Test
	void reportsAnEmptyPayloadWithoutAPart() {
		feed(Reads.WHOLE, "89 00 82 80 01 02 03 04");
		assertThat(this.listener.events).containsExactly(header(true, 0, Opcode.PING, false, 0), "end",
				header(true, 0, Opcode.BINARY, true, 0), "end");
		assertThat(this.listener.partSizes).isEmpty();
	}

	@Test
	void neverReportsAnEmptyPart() {
		byte[] payload = new byte[300];
		byte[] input = concat(Hex.bytes("82 FE 01 2C 01 02 03 04"), payload, Hex.bytes("82 00"));
		Reads.RANDOM_SPLITS.feed(input, new Random(7), this.parser::parse);
		assertThat(this.listener.partSizes).isNotEmpty().allSatisfy((size) -> assertThat(size).isPositive());
		assertThat(this.listener.partSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(300);
	}

	@Test
	void reportsRsvBitsAndOpcodeAsTheyAre() {
		feed(Reads.WHOLE, "73 00 ff 00");
		assertThat(this.listener.events).containsExactly(header(false, 0x70, 3, false, 0), "end",
				header(true, 0x70, 0xF, false, 0), "end");
	}

	@Test
	void handsThePayloadOutWithoutCopyingIt() {
		ByteBuffer in = ByteBuffer.wrap(Hex.bytes("82 03 01 02 03"));
		this.parser.parse(in);
		assertThat(this.listener.parts).singleElement().isSameAs(in);
	}

	@ParameterizedTest
	@EnumSource(BufferKind.class)
	void leavesBytesOutsidePositionAndLimitAlone(BufferKind kind) {
		byte[] frame = Hex.bytes("81 85 37 fa 21 3d 7f 9f 4d 51 58 89 00");
		ByteBuffer in = kind.around(frame);
		int start = in.position();
		this.parser.parse(in);
		ByteBuffer all = in.duplicate().clear();
		for (int i = 0; i < all.limit(); i++) {
			if (i < start || i >= start + frame.length) {
				assertThat(all.get(i)).as("byte %d", i).isEqualTo((byte) 0xFF);
			}
		}
		assertThat(this.listener.events).contains(payload(HELLO));
	}

	@Test
	void readsHeaderFieldsBigEndianWhateverTheBufferOrder() {
		byte[] payload = new byte[65536];
		Arrays.fill(payload, (byte) 0x21);
		// Key 00 00 00 20 changes every fourth byte only, so a key read backwards shows.
		ByteBuffer in = ByteBuffer.wrap(concat(Hex.bytes("82 FF 00 00 00 00 00 01 00 00 00 00 00 20"), payload))
			.order(ByteOrder.LITTLE_ENDIAN);
		this.parser.parse(in);
		assertThat(this.listener.events.get(0)).isEqualTo(header(true, 0, Opcode.BINARY, true, 65536));
		byte[] unmasked = Arrays.copyOfRange(in.array(), 14, 18);
		assertThat(Hex.of(unmasked)).isEqualTo("21212101");
	}

	@Test
	void restoresTheInputWhateverTheListenerDoesWithIt() {
		RecordingFrameListener meddler = new RecordingFrameListener() {

			@Override
			public void onFramePayload(ByteBuffer payload) {
				super.onFramePayload(payload);
				payload.position(payload.limit());
				payload.limit(payload.position());
			}

		};
		FrameParser meddled = new FrameParser(meddler);
		meddled.parse(ByteBuffer.wrap(Hex.bytes("01 03 48 65 6c 89 00 80 02 6c 6f")));
		assertThat(meddled.isIdle()).isTrue();
		assertThat(meddler.events).containsExactly(header(false, 0, Opcode.TEXT, false, 3), payload("48 65 6c"), "end",
				header(true, 0, Opcode.PING, false, 0), "end", header(true, 0, Opcode.CONTINUATION, false, 2),
				payload("6c 6f"), "end");
	}

	private void feed(Reads reads, String hex) {
		reads.feed(Hex.bytes(hex), new Random(42), this.parser::parse);
	}

	private static ProtocolException failure(FrameParser parser, Reads reads, String hex) {
		ProtocolException failure = catchThrowableOfType(ProtocolException.class,
				() -> reads.feed(Hex.bytes(hex), new Random(42), parser::parse));
		assertThat(failure).as("ProtocolException from %s", hex).isNotNull();
		return failure;
	}

	static byte[] concat(byte[]... parts) {
		int length = Arrays.stream(parts).mapToInt((part) -> part.length).sum();
		ByteBuffer all = ByteBuffer.allocate(length);
		for (byte[] part : parts) {
			all.put(part);
		}
		return all.array();
	}

}
