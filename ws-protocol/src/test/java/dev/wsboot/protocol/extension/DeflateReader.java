package dev.wsboot.protocol.extension;

import java.util.Arrays;

/**
 * A plain decoder of raw DEFLATE (RFC 1951) that records how far back its references
 * reach. zlib's inflater lets a reference reach anywhere in the output of the same call,
 * whatever window it was given, so it cannot show that a stream keeps to a window; this
 * can. Slow, and for tests only.
 */
final class DeflateReader {

	private static final int[] LENGTH_BASE = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
			67, 83, 99, 115, 131, 163, 195, 227, 258 };

	private static final int[] LENGTH_EXTRA = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
			5, 5, 5, 5, 0 };

	private static final int[] DISTANCE_BASE = { 1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
			513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577 };

	private static final int[] DISTANCE_EXTRA = { 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10,
			10, 11, 11, 12, 12, 13, 13 };

	// The order in which a dynamic block gives the lengths of the code length code.
	private static final int[] CODE_LENGTH_ORDER = { 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };

	private final byte[] input;

	private long bit;

	private byte[] output = new byte[1024];

	private int size;

	private int farthestReference;

	private DeflateReader(byte[] input) {
		this.input = input;
	}

	/**
	 * Decodes a stream of whole blocks: a message as RFC 7692 sends it, with
	 * {@code 00 00 FF FF} put back.
	 * @param stream the stream, with no history before it
	 * @return what it decodes to, and the farthest back any reference reached
	 * @throws IllegalStateException if the stream is not valid DEFLATE
	 */
	static Decoded decode(byte[] stream) {
		DeflateReader reader = new DeflateReader(stream);
		boolean last = false;
		while (!last && reader.bit < 8L * stream.length) {
			last = reader.bits(1) == 1;
			switch (reader.bits(2)) {
				case 0 -> reader.stored();
				case 1 -> reader.huffman(Huffman.FIXED_LITERALS, Huffman.FIXED_DISTANCES);
				case 2 -> reader.dynamic();
				default -> throw new IllegalStateException("Block type 3");
			}
		}
		return new Decoded(Arrays.copyOf(reader.output, reader.size), reader.farthestReference);
	}

	private void stored() {
		this.bit = (this.bit + 7) & ~7L;
		int length = bits(16);
		if ((bits(16) ^ 0xFFFF) != length) {
			throw new IllegalStateException("Stored block length does not match its complement");
		}
		for (int i = 0; i < length; i++) {
			write(bits(8));
		}
	}

	private void dynamic() {
		int literalCodes = bits(5) + 257;
		int distanceCodes = bits(5) + 1;
		int codeLengthCodes = bits(4) + 4;
		int[] codeLengthLengths = new int[19];
		for (int i = 0; i < codeLengthCodes; i++) {
			codeLengthLengths[CODE_LENGTH_ORDER[i]] = bits(3);
		}
		Huffman codeLengths = new Huffman(codeLengthLengths);
		int[] lengths = new int[literalCodes + distanceCodes];
		for (int i = 0; i < lengths.length;) {
			int symbol = codeLengths.decode(this);
			if (symbol < 16) {
				lengths[i++] = symbol;
				continue;
			}
			int value = (symbol == 16) ? lengths[i - 1] : 0;
			int repeat = switch (symbol) {
				case 16 -> 3 + bits(2);
				case 17 -> 3 + bits(3);
				default -> 11 + bits(7);
			};
			for (; repeat > 0; repeat--) {
				lengths[i++] = value;
			}
		}
		huffman(new Huffman(Arrays.copyOf(lengths, literalCodes)),
				new Huffman(Arrays.copyOfRange(lengths, literalCodes, lengths.length)));
	}

	private void huffman(Huffman literals, Huffman distances) {
		while (true) {
			int symbol = literals.decode(this);
			if (symbol < 256) {
				write(symbol);
				continue;
			}
			if (symbol == 256) {
				return;
			}
			int length = LENGTH_BASE[symbol - 257] + bits(LENGTH_EXTRA[symbol - 257]);
			int code = distances.decode(this);
			int distance = DISTANCE_BASE[code] + bits(DISTANCE_EXTRA[code]);
			if (distance > this.size) {
				throw new IllegalStateException("Reference before the start of the stream");
			}
			this.farthestReference = Math.max(this.farthestReference, distance);
			// Byte by byte, since a reference may overlap the bytes it produces.
			for (int i = 0; i < length; i++) {
				write(this.output[this.size - distance]);
			}
		}
	}

	private void write(int b) {
		if (this.size == this.output.length) {
			this.output = Arrays.copyOf(this.output, 2 * this.size);
		}
		this.output[this.size++] = (byte) b;
	}

	private int bits(int count) {
		int value = 0;
		for (int i = 0; i < count; i++) {
			if (this.bit >= 8L * this.input.length) {
				throw new IllegalStateException("Stream ends inside a block");
			}
			int b = (this.input[(int) (this.bit >>> 3)] >>> (this.bit & 7)) & 1;
			value |= b << i;
			this.bit++;
		}
		return value;
	}

	/**
	 * What a stream decodes to.
	 *
	 * @param bytes the decoded bytes
	 * @param farthestReference the longest distance of any reference, 0 if none
	 */
	record Decoded(byte[] bytes, int farthestReference) {

	}

	/** A canonical Huffman code, decoded a bit at a time. */
	private static final class Huffman {

		static final Huffman FIXED_LITERALS = new Huffman(fixedLiteralLengths());

		static final Huffman FIXED_DISTANCES = new Huffman(filled(30, 5));

		private final int[] countOfLength = new int[16];

		private final int[] symbols;

		Huffman(int[] lengths) {
			for (int length : lengths) {
				this.countOfLength[length]++;
			}
			int[] offsets = new int[16];
			for (int length = 1; length < 15; length++) {
				offsets[length + 1] = offsets[length] + this.countOfLength[length];
			}
			this.symbols = new int[lengths.length];
			for (int symbol = 0; symbol < lengths.length; symbol++) {
				if (lengths[symbol] != 0) {
					this.symbols[offsets[lengths[symbol]]++] = symbol;
				}
			}
		}

		int decode(DeflateReader reader) {
			int code = 0;
			int first = 0;
			int index = 0;
			for (int length = 1; length <= 15; length++) {
				code |= reader.bits(1);
				int count = this.countOfLength[length];
				if (code - first < count) {
					return this.symbols[index + code - first];
				}
				index += count;
				first = (first + count) << 1;
				code <<= 1;
			}
			throw new IllegalStateException("No such Huffman code");
		}

		private static int[] fixedLiteralLengths() {
			int[] lengths = filled(288, 8);
			Arrays.fill(lengths, 144, 256, 9);
			Arrays.fill(lengths, 256, 280, 7);
			return lengths;
		}

		private static int[] filled(int count, int length) {
			int[] lengths = new int[count];
			Arrays.fill(lengths, length);
			return lengths;
		}

	}

}
