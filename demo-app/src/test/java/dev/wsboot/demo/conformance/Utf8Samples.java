package dev.wsboot.demo.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The byte sequences of Autobahn|Testsuite cases 6.5 to 6.23, in the suite's order so
 * that category {@code i} (from 0) and sample {@code j} (from 0) is case
 * {@code 6.(i + 5).(j + 1)}. They follow Markus Kuhn's UTF-8 decoder stress test: valid
 * sequences, prefixes, boundaries, stray continuation bytes, lonely start bytes,
 * truncated and overlong sequences, surrogates, non-characters and specials.
 */
final class Utf8Samples {

	/** "κόσμε" in UTF-8: the suite's favourite multi-byte string. */
	static final byte[] KOSME = hex("cebae1bdb9cf83cebcceb5");

	private Utf8Samples() {
	}

	/**
	 * Returns every category, in the suite's order.
	 * @return the categories
	 */
	static List<Category> categories() {
		List<Category> categories = new ArrayList<>();
		categories.add(new Category("Some valid UTF-8 sequences",
				List.of(valid(concat(ascii("hello"), hex("24"), ascii("world"))),
						valid(concat(ascii("hello"), hex("c2a2"), ascii("world"))),
						valid(concat(ascii("hello"), hex("e282ac"), ascii("world"))),
						valid(concat(ascii("hello"), hex("f0a4ada2"), ascii("world"))), valid(KOSME))));
		List<Sample> prefixes = new ArrayList<>();
		for (int i = 1; i <= KOSME.length; i++) {
			byte[] prefix = Arrays.copyOf(KOSME, i);
			prefixes.add(new Sample(isValid(prefix), prefix));
		}
		categories.add(new Category("All prefixes of a valid UTF-8 string with multi-byte code points", prefixes));
		categories.add(new Category("First possible sequence of a certain length",
				List.of(valid(hex("00")), valid(hex("c280")), valid(hex("e0a080")), valid(hex("f0908080")))));
		categories.add(new Category("First possible sequence length 5/6 (invalid code points)",
				List.of(invalid(hex("f888808080")), invalid(hex("fc8480808080")))));
		categories.add(new Category("Last possible sequence of a certain length",
				List.of(valid(hex("7f")), valid(hex("dfbf")), valid(hex("efbfbf")), valid(hex("f48fbfbf")))));
		categories.add(new Category("Last possible sequence length 4/5/6 (invalid code points)",
				List.of(invalid(hex("f7bfbfbf")), invalid(hex("fbbfbfbfbf")), invalid(hex("fdbfbfbfbfbf")))));
		categories.add(new Category("Other boundary conditions", List.of(valid(hex("ed9fbf")), valid(hex("ee8080")),
				valid(hex("efbfbd")), valid(hex("f48fbfbf")), invalid(hex("f4908080")))));
		categories.add(new Category("Unexpected continuation bytes",
				List.of(invalid(hex("80")), invalid(hex("bf")), invalid(hex("80bf")), invalid(hex("80bf80")),
						invalid(hex("80bf80bf")), invalid(hex("80bf80bf80")), invalid(hex("80bf80bf80bf")),
						invalid(range(0x80, 0xbf, false)))));
		categories.add(new Category("Lonely start characters",
				List.of(invalid(range(0xc0, 0xdf, true)), invalid(range(0xe0, 0xef, true)),
						invalid(range(0xf0, 0xf7, true)), invalid(range(0xf8, 0xfb, true)),
						invalid(range(0xfc, 0xfd, true)))));
		List<byte[]> truncated = List.of(hex("c0"), hex("e080"), hex("f08080"), hex("f8808080"), hex("fc80808080"),
				hex("df"), hex("efbf"), hex("f7bfbf"), hex("fbbfbfbf"), hex("fdbfbfbfbf"));
		categories.add(new Category("Sequences with last continuation byte missing",
				truncated.stream().map(Utf8Samples::invalid).toList()));
		categories.add(new Category("Concatenation of incomplete sequences",
				List.of(invalid(concat(truncated.toArray(byte[][]::new))))));
		categories.add(new Category("Impossible bytes",
				List.of(invalid(hex("fe")), invalid(hex("ff")), invalid(hex("fefeffff")))));
		categories.add(new Category("Examples of an overlong ASCII character",
				List.of(invalid(hex("c0af")), invalid(hex("e080af")), invalid(hex("f08080af")),
						invalid(hex("f8808080af")), invalid(hex("fc80808080af")))));
		categories.add(new Category("Maximum overlong sequences", List.of(invalid(hex("c1bf")), invalid(hex("e09fbf")),
				invalid(hex("f08fbfbf")), invalid(hex("f887bfbfbf")), invalid(hex("fc83bfbfbfbf")))));
		categories.add(new Category("Overlong representation of the NUL character",
				List.of(invalid(hex("c080")), invalid(hex("e08080")), invalid(hex("f0808080")),
						invalid(hex("f880808080")), invalid(hex("fc8080808080")))));
		categories.add(new Category("Single UTF-16 surrogates",
				List.of(invalid(hex("eda080")), invalid(hex("edadbf")), invalid(hex("edae80")), invalid(hex("edafbf")),
						invalid(hex("edb080")), invalid(hex("edbe80")), invalid(hex("edbfbf")))));
		categories.add(new Category("Paired UTF-16 surrogates",
				List.of(invalid(hex("eda080edb080")), invalid(hex("eda080edbfbf")), invalid(hex("edadbfedb080")),
						invalid(hex("edadbfedbfbf")), invalid(hex("edae80edb080")), invalid(hex("edae80edbfbf")),
						invalid(hex("edafbfedb080")), invalid(hex("edafbfedbfbf")))));
		List<Sample> nonCharacters = new ArrayList<>(List.of(valid(hex("efbfbe")), valid(hex("efbfbf"))));
		for (int lead = 0xf0; lead <= 0xf4; lead++) {
			for (int second : new int[] { 0x8f, 0x9f, 0xaf, 0xbf }) {
				if (lead == 0xf4 && second != 0x8f) {
					continue; // beyond U+10FFFF
				}
				for (int last : new int[] { 0xbe, 0xbf }) {
					if (lead == 0xf0 && second == 0x8f) {
						continue; // overlong
					}
					nonCharacters.add(valid(new byte[] { (byte) lead, (byte) second, (byte) 0xbf, (byte) last }));
				}
			}
		}
		categories.add(new Category("Non-character code points (valid UTF-8)", nonCharacters));
		categories.add(new Category("Unicode specials (i.e. replacement char)",
				List.of(valid(hex("efbfb9")), valid(hex("efbfba")), valid(hex("efbfbb")), valid(hex("efbfbc")),
						valid(hex("efbfbd")), valid(hex("efbfbe")), valid(hex("efbfbf")))));
		for (Category category : categories) {
			for (Sample sample : category.samples()) {
				if (sample.valid() != isValid(sample.bytes())) {
					throw new IllegalStateException("The JDK's UTF-8 decoder disagrees with the suite on 0x"
							+ HexFormat.of().formatHex(sample.bytes()) + " in " + category.name());
				}
			}
		}
		return categories;
	}

	/**
	 * Returns whether the bytes are well-formed UTF-8 (RFC 3629), by the JDK's strict
	 * decoder: an independent oracle for the server's validator.
	 * @param bytes the bytes
	 * @return whether they decode without error
	 */
	static boolean isValid(byte[] bytes) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	static byte[] hex(String hex) {
		return HexFormat.of().parseHex(hex);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	/**
	 * Bytes {@code from} up to {@code to} (excluded), each followed by a space if asked.
	 */
	private static byte[] range(int from, int to, boolean spaced) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int b = from; b < to; b++) {
			out.write(b);
			if (spaced) {
				out.write(0x20);
			}
		}
		return out.toByteArray();
	}

	private static Sample valid(byte[] bytes) {
		return new Sample(true, bytes);
	}

	private static Sample invalid(byte[] bytes) {
		return new Sample(false, bytes);
	}

	/**
	 * A named group of samples: one case group.
	 *
	 * @param name what the samples have in common
	 * @param samples the samples
	 */
	record Category(String name, List<Sample> samples) {
	}

	/**
	 * A byte sequence sent as one text message.
	 *
	 * @param valid whether it is valid UTF-8 (echoed) or not (1007)
	 * @param bytes the sequence
	 */
	record Sample(boolean valid, byte[] bytes) {
	}

}
