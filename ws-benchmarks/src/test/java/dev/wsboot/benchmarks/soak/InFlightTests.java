package dev.wsboot.benchmarks.soak;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import dev.wsboot.benchmarks.soak.InFlight.Echo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The soak's verdict on each echo, so that its zero counts mean something.
 */
class InFlightTests {

	private final SplittableRandom random = new SplittableRandom(3);

	private final InFlight inFlight = new InFlight(7);

	@Test
	void echoesInOrderAreVerified() {
		SoakMessage text = send(true);
		SoakMessage binary = send(false);
		assertThat(echo(text)).isEqualTo(Echo.VERIFIED);
		assertThat(echo(binary)).isEqualTo(Echo.VERIFIED);
		assertThat(this.inFlight.size()).isZero();
	}

	@Test
	void anEchoOvertakingAnOlderOneIsReorderedAndTheOlderStaysInFlight() {
		SoakMessage first = send(true);
		SoakMessage second = send(false);
		assertThat(echo(second)).isEqualTo(Echo.REORDERED);
		assertThat(this.inFlight.size()).isOne();
		assertThat(echo(first)).isEqualTo(Echo.VERIFIED);
	}

	@Test
	void aSecondEchoIsDuplicated() {
		SoakMessage message = send(true);
		echo(message);
		assertThat(echo(message)).isEqualTo(Echo.DUPLICATED);
	}

	@Test
	void changedBytesTypeOrSessionAreCorrupted() {
		SoakMessage message = send(false);
		byte[] changed = message.payload().clone();
		changed[changed.length - 1] ^= 1;
		assertThat(this.inFlight.verify(false, ByteBuffer.wrap(changed))).isEqualTo(Echo.CORRUPTED);
		SoakMessage text = send(true);
		assertThat(this.inFlight.verify(false, ByteBuffer.wrap(text.payload()))).isEqualTo(Echo.CORRUPTED);
		SoakMessage otherSession = SoakMessage.text(8, this.inFlight.nextSeq(), this.random);
		assertThat(this.inFlight.verify(true, ByteBuffer.wrap(otherSession.payload()))).isEqualTo(Echo.CORRUPTED);
		assertThat(this.inFlight.verify(true, ByteBuffer.wrap(new byte[] { '{' }))).isEqualTo(Echo.CORRUPTED);
	}

	@Test
	void messagesTheSessionNeverSentAreCorrupted() {
		SoakMessage notSent = SoakMessage.binary(7, 5, 64, this.random);
		assertThat(this.inFlight.verify(false, ByteBuffer.wrap(notSent.payload()))).isEqualTo(Echo.CORRUPTED);
	}

	@Test
	void messagesMustComeInSequence() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.inFlight.add(SoakMessage.text(7, 1, this.random)));
	}

	@Test
	void clearCountsWhatWasInFlight() {
		send(true);
		send(false);
		assertThat(this.inFlight.clear()).isEqualTo(2);
		assertThat(this.inFlight.size()).isZero();
	}

	@Test
	void binarySizesStayWithinTheirBounds() {
		for (int i = 0; i < 1000; i++) {
			int size = SoakMessage.binary(1, i, 64 * 1024, this.random).payload().length;
			assertThat(size).isBetween(SoakMessage.MIN_BINARY, 64 * 1024);
		}
	}

	private SoakMessage send(boolean text) {
		SoakMessage message = text ? SoakMessage.text(7, this.inFlight.nextSeq(), this.random)
				: SoakMessage.binary(7, this.inFlight.nextSeq(), 4096, this.random);
		this.inFlight.add(message);
		return message;
	}

	private Echo echo(SoakMessage message) {
		return this.inFlight.verify(message.text(), ByteBuffer.wrap(message.payload()));
	}

}
