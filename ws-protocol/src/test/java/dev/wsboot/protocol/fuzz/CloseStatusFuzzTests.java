package dev.wsboot.protocol.fuzz;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import dev.wsboot.protocol.BufferKind;
import dev.wsboot.protocol.ProtocolException;
import dev.wsboot.protocol.close.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes {@link CloseStatus#decode}, the payload of a close frame from the peer, against
 * RFC 6455 section 5.5.1 and 7.4 as a reference: the first input byte picks the kind of
 * buffer, the rest is the payload. Every payload must decode to the status the reference
 * expects, or fail with the close code it expects (1002 for a bad length or code, 1007
 * for a reason that is not UTF-8); a decoded status must encode back to the payload; the
 * buffer must be left as it was.
 */
class CloseStatusFuzzTests {

	@Timeout(10)
	@FuzzTest
	void fuzzCloseStatus(byte[] input) {
		BufferKind kind = (input.length == 0) ? BufferKind.HEAP
				: BufferKind.values()[(input[0] & 0xFF) % BufferKind.values().length];
		byte[] payload = (input.length == 0) ? input : Arrays.copyOfRange(input, 1, input.length);
		ByteBuffer buffer = kind.around(payload);
		int position = buffer.position();
		int limit = buffer.limit();
		int expectedError = expectedError(payload);
		try {
			CloseStatus status = CloseStatus.decode(buffer);
			assertThat(expectedError).as("close code expected for %d bytes", payload.length).isZero();
			if (payload.length == 0) {
				assertThat(status).isEqualTo(CloseStatus.NO_STATUS_RECEIVED);
			}
			else {
				assertThat(status.code()).isEqualTo(((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF));
				assertThat(status.reason())
					.isEqualTo(new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
				assertThat(status.toPayload()).as("encoded again").isEqualTo(payload);
				assertThat(status.encodedLength()).isEqualTo(payload.length);
			}
		}
		catch (ProtocolException ex) {
			assertThat(ex.closeCode()).as("close code of %s", ex.getMessage()).isEqualTo(expectedError);
		}
		assertThat(buffer.position()).as("position").isEqualTo(position);
		assertThat(buffer.limit()).as("limit").isEqualTo(limit);
		assertThat(BufferKind.paddingIntact(buffer)).as("padding intact").isTrue();
	}

	/** The reference: the close code a payload must be refused with, or 0. */
	private static int expectedError(byte[] payload) {
		if (payload.length == 0) {
			return 0;
		}
		if (payload.length == 1 || payload.length > 125) {
			return 1002;
		}
		int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
		// RFC 6455 section 7.4.1 and 7.4.2, and the IANA registry (1012 to 1014).
		boolean valid = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
				|| (code >= 3000 && code <= 4999);
		if (!valid) {
			return 1002;
		}
		return Utf8Reference.isValid(Arrays.copyOfRange(payload, 2, payload.length)) ? 0 : 1007;
	}

}
