package dev.wsboot.protocol.fuzz;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import dev.wsboot.protocol.text.Utf8Validator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes {@link Utf8Validator} against the JDK's strict decoder ({@link Utf8Reference}):
 * the stream of a {@link Chunked} input is fed in its chunks; bit 0 of the parameter
 * feeds arrays instead of buffers, bit 1 read-only buffers. After each chunk the
 * validator must have failed exactly when no bytes appended could make the input so far
 * valid, and at the end it must be complete exactly when the input is valid. Buffers must
 * be left as they were.
 */
class Utf8ValidatorFuzzTests {

	@Timeout(10)
	@FuzzTest
	void fuzzUtf8(byte[] input) {
		Chunked chunked = Chunked.of(input);
		byte[] stream = chunked.stream();
		boolean arrays = (chunked.parameter() & 1) != 0;
		boolean readOnly = (chunked.parameter() & 2) != 0;
		Utf8Validator validator = new Utf8Validator();
		List<ByteBuffer> buffers = chunked.buffers();
		int end = 0;
		boolean hopeless = false;
		// The input is valid up to here, a character boundary: what follows decides alone
		// whether the input can still become valid, which keeps the reference linear.
		int validUpTo = 0;
		for (int i = 0; i < buffers.size(); i++) {
			ByteBuffer chunk = buffers.get(i);
			int length = chunked.chunkLengths()[i];
			end += length;
			boolean fed;
			if (arrays) {
				byte[] padded = new byte[length + 4];
				Arrays.fill(padded, (byte) 0xFF);
				System.arraycopy(stream, end - length, padded, 2, length);
				fed = validator.feed(padded, 2, length);
			}
			else {
				ByteBuffer buffer = readOnly ? chunk.asReadOnlyBuffer() : chunk;
				int position = buffer.position();
				int limit = buffer.limit();
				fed = validator.feed(buffer);
				assertThat(buffer.position()).as("position").isEqualTo(position);
				assertThat(buffer.limit()).as("limit").isEqualTo(limit);
			}
			// Once hopeless, always hopeless: the reference need not look again.
			if (!hopeless) {
				byte[] tail = Arrays.copyOfRange(stream, validUpTo, end);
				hopeless = !Utf8Reference.canBecomeValid(tail, tail.length);
				if (!hopeless) {
					int boundary = tail.length;
					while (!Utf8Reference.isValid(Arrays.copyOf(tail, boundary))) {
						boundary--;
					}
					validUpTo += boundary;
				}
			}
			int chunkEnd = end;
			assertThat(fed).as(() -> "feed up to byte " + chunkEnd).isEqualTo(!hopeless);
			assertThat(validator.hasFailed()).isEqualTo(hopeless);
		}
		assertThat(validator.isComplete()).as("complete").isEqualTo(Utf8Reference.isValid(stream));
		assertThat(Utf8Validator.isValid(ByteBuffer.wrap(stream))).as("isValid")
			.isEqualTo(Utf8Reference.isValid(stream));
		validator.reset();
		assertThat(validator.isComplete()).as("complete after reset").isTrue();
		assertThat(validator.hasFailed()).as("failed after reset").isFalse();
	}

}
