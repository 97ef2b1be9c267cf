package dev.wsboot.protocol.close;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CloseCodesTests {

	@ParameterizedTest
	@ValueSource(
			ints = { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999 })
	void acceptsRegisteredAndApplicationCodesOnTheWire(int code) {
		assertThat(CloseCodes.isValidOnWire(code)).isTrue();
		assertThat(CloseCodes.isTransmittable(code)).isTrue();
	}

	// Includes the codes of Autobahn cases 7.9.1 to 7.9.9, which expect a close with
	// 1002.
	@ParameterizedTest
	@ValueSource(ints = { Integer.MIN_VALUE, -1, 0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535,
			65536 })
	void rejectsUnusedReservedUnassignedAndLocalCodesOnTheWire(int code) {
		assertThat(CloseCodes.isValidOnWire(code)).isFalse();
		assertThat(CloseCodes.isTransmittable(code)).isFalse();
	}

	@Test
	void allowsSendingExactlyWhatItAllowsReceiving() {
		for (int code = 0; code <= 0xFFFF; code++) {
			assertThat(CloseCodes.isTransmittable(code)).as("%d", code).isEqualTo(CloseCodes.isValidOnWire(code));
		}
	}

	@Test
	void countsTheCodesValidOnTheWire() {
		// 1000-1003, 1007-1014 and 3000-4999: 4 + 8 + 2000.
		long count = IntStream.rangeClosed(0, 0xFFFF).filter(CloseCodes::isValidOnWire).count();
		assertThat(count).isEqualTo(2012);
	}

}
