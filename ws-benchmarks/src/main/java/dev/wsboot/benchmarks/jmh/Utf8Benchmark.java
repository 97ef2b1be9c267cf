package dev.wsboot.benchmarks.jmh;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import dev.wsboot.protocol.text.Utf8Validator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Validating 64 KiB of UTF-8 with {@link Utf8Validator}, against the JDK's strict decoder
 * (malformed input REPORTed, decoding into a reused {@link CharBuffer}) and against
 * {@link System#arraycopy} of the same bytes. Three texts: ASCII, mixed (mostly ASCII
 * with Latin-1 accents, Cyrillic, CJK and emoji) and CJK only. Bytes per second = 65,536
 * x ops/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class Utf8Benchmark {

	static final int SIZE = 64 * 1024;

	@Param({ "ascii", "mixed", "cjk" })
	String text;

	byte[] bytes;

	byte[] copy;

	final Utf8Validator validator = new Utf8Validator();

	CharsetDecoder decoder;

	CharBuffer chars;

	@Setup
	public void setUp() {
		String unit = switch (this.text) {
			case "ascii" -> "The quick brown fox jumps over the lazy dog; {\"id\":42,\"ok\":true} ";
			case "mixed" -> "Grüße aus Köln, déjà vu; Привет мир; 你好世界; emoji 🎉🚀 and plain ASCII text. ";
			case "cjk" -> "日本語のテキストと中文文本和한국어텍스트";
			default -> throw new IllegalArgumentException(this.text);
		};
		this.bytes = fill(unit, SIZE);
		this.copy = new byte[this.bytes.length];
		this.decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		this.chars = CharBuffer.allocate(this.bytes.length);
		if (!Utf8Validator.isValid(ByteBuffer.wrap(this.bytes))) {
			throw new IllegalStateException("test text is not valid UTF-8");
		}
	}

	/** Repeats whole characters of the unit up to at most {@code size} bytes. */
	static byte[] fill(String unit, int size) {
		StringBuilder text = new StringBuilder();
		int length = 0;
		int i = 0;
		while (true) {
			int codePoint = unit.codePointAt(i);
			int encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
			if (length + encoded > size) {
				break;
			}
			text.appendCodePoint(codePoint);
			length += encoded;
			i = (i + Character.charCount(codePoint)) % unit.length();
		}
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}

	@Benchmark
	public boolean validator() {
		this.validator.reset();
		return this.validator.feed(this.bytes, 0, this.bytes.length) && this.validator.isComplete();
	}

	@Benchmark
	public CoderResult jdkStrictDecoder() {
		this.decoder.reset();
		this.chars.clear();
		CoderResult result = this.decoder.decode(ByteBuffer.wrap(this.bytes), this.chars, true);
		if (result.isError()) {
			throw new IllegalStateException(result.toString());
		}
		return result;
	}

	@Benchmark
	public byte[] arraycopy() {
		System.arraycopy(this.bytes, 0, this.copy, 0, this.bytes.length);
		return this.copy;
	}

}
