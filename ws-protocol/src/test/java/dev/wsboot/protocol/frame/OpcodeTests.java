package dev.wsboot.protocol.frame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class OpcodeTests {

	@Test
	void hasTheWireValuesOfRfc6455() {
		assertThat(
				new int[] { Opcode.CONTINUATION, Opcode.TEXT, Opcode.BINARY, Opcode.CLOSE, Opcode.PING, Opcode.PONG })
			.containsExactly(0x0, 0x1, 0x2, 0x8, 0x9, 0xA);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0x0, 0x1, 0x2, 0x8, 0x9, 0xA })
	void definesTheSixOpcodesOfRfc6455(int opcode) {
		assertThat(Opcode.isDefined(opcode)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(ints = { 0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF })
	void leavesReservedOpcodesUndefined(int opcode) {
		assertThat(Opcode.isDefined(opcode)).isFalse();
		assertThat(Opcode.name(opcode)).isEqualTo(String.format("RESERVED(0x%X)", opcode));
	}

	@Test
	void tellsControlOpcodesByTheirHighBit() {
		for (int opcode = 0; opcode < 16; opcode++) {
			assertThat(Opcode.isControl(opcode)).as("0x%X", opcode).isEqualTo(opcode >= 8);
		}
	}

	@Test
	void namesDefinedOpcodes() {
		assertThat(Opcode.name(Opcode.CONTINUATION)).isEqualTo("CONTINUATION");
		assertThat(Opcode.name(Opcode.TEXT)).isEqualTo("TEXT");
		assertThat(Opcode.name(Opcode.BINARY)).isEqualTo("BINARY");
		assertThat(Opcode.name(Opcode.CLOSE)).isEqualTo("CLOSE");
		assertThat(Opcode.name(Opcode.PING)).isEqualTo("PING");
		assertThat(Opcode.name(Opcode.PONG)).isEqualTo("PONG");
	}

}
