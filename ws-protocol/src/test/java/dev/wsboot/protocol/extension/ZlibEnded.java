package dev.wsboot.protocol.extension;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Asserts that a {@code Deflater} or {@code Inflater} was ended: using it throws
 * {@code NullPointerException} up to JDK 24 and {@code IllegalStateException} from JDK
 * 25, with the same message.
 */
final class ZlibEnded {

	private ZlibEnded() {
	}

	static void assertEnded(ThrowingCallable use, String message) {
		assertThatThrownBy(use).isInstanceOfAny(NullPointerException.class, IllegalStateException.class)
			.hasMessage(message);
	}

}
