package dev.wsboot.protocol.fuzz;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import dev.wsboot.protocol.BufferKind;

/**
 * A fuzz input read as a byte stream cut into chunks, the way a socket delivers it. The
 * input's first {@value #HEADER} bytes say how to cut and what else the target varies;
 * the rest is the stream. Layout:
 * <ol>
 * <li>control: the low three bits pick the {@link BufferKind} each chunk is handed in (6
 * and 7 wrap round to the first two); the high five bits the largest chunk: 0 for the
 * whole stream in one chunk, 1 to 16 for that many bytes, 17 to 31 for 32 bytes to 512
 * KiB;</li>
 * <li>seed: the seed of the chunk sizes, each picked at random from 1 to the
 * largest;</li>
 * <li>parameter: for the target, a limit to vary for example.</li>
 * </ol>
 * An input shorter than the header is a stream of its own bytes in one heap chunk, with
 * parameter 0xFF.
 *
 * @param stream the bytes of the stream
 * @param chunkLengths how the stream is cut, in order, adding up to its length
 * @param kind the kind of buffer each chunk comes in
 * @param parameter the target's parameter, 0 to 255
 */
record Chunked(byte[] stream, int[] chunkLengths, BufferKind kind, int parameter) {

	/** Bytes before the stream. */
	static final int HEADER = 3;

	static Chunked of(byte[] input) {
		if (input.length < HEADER) {
			return new Chunked(input, new int[] { input.length }, BufferKind.HEAP, 0xFF);
		}
		int control = input[0] & 0xFF;
		int seed = input[1] & 0xFF;
		byte[] stream = Arrays.copyOfRange(input, HEADER, input.length);
		BufferKind kind = BufferKind.values()[(control & 7) % BufferKind.values().length];
		int largest = largestChunk(control >>> 3, stream.length);
		Random random = new Random(seed * 257L + control);
		List<Integer> lengths = new ArrayList<>();
		int left = stream.length;
		while (left > 0) {
			int length = Math.min(left, 1 + random.nextInt(largest));
			lengths.add(length);
			left -= length;
		}
		if (lengths.isEmpty()) {
			lengths.add(0);
		}
		return new Chunked(stream, lengths.stream().mapToInt(Integer::intValue).toArray(), kind, input[2] & 0xFF);
	}

	/**
	 * Builds an input: the header and the stream.
	 * @param control the control byte
	 * @param seed the seed byte
	 * @param parameter the parameter byte
	 * @param stream the stream
	 * @return the fuzz input
	 */
	static byte[] input(int control, int seed, int parameter, byte[] stream) {
		byte[] input = new byte[HEADER + stream.length];
		input[0] = (byte) control;
		input[1] = (byte) seed;
		input[2] = (byte) parameter;
		System.arraycopy(stream, 0, input, HEADER, stream.length);
		return input;
	}

	private static int largestChunk(int code, int streamLength) {
		if (code == 0) {
			return Math.max(1, streamLength);
		}
		return (code <= 16) ? code : 1 << (code - 12);
	}

	/**
	 * Returns the chunks as buffers of the kind, each holding its bytes between position
	 * and limit, padded on both sides.
	 * @return the buffers, in order
	 */
	List<ByteBuffer> buffers() {
		List<ByteBuffer> buffers = new ArrayList<>(this.chunkLengths.length);
		int from = 0;
		for (int length : this.chunkLengths) {
			buffers.add(this.kind.around(Arrays.copyOfRange(this.stream, from, from + length)));
			from += length;
		}
		return buffers;
	}

	/**
	 * Returns the whole stream in one heap buffer, padded on both sides.
	 * @return a buffer
	 */
	ByteBuffer whole() {
		return BufferKind.HEAP.around(this.stream);
	}

	/**
	 * Returns whether the padding around a chunk from {@link #buffers()} or
	 * {@link #whole()} is intact: whatever the code under test took from the chunk, it
	 * wrote nothing outside the chunk's bytes.
	 * @param chunk the buffer
	 * @param start the buffer's position when it was handed over
	 * @param end the buffer's limit when it was handed over
	 * @return {@code true} if every byte outside {@code [start, end)} is still
	 * {@code 0xFF}
	 */
	static boolean paddingIntact(ByteBuffer chunk, int start, int end) {
		ByteBuffer all = chunk.duplicate().clear();
		for (int i = 0; i < all.capacity(); i++) {
			if ((i < start || i >= end) && all.get(i) != (byte) 0xFF) {
				return false;
			}
		}
		return true;
	}

}
