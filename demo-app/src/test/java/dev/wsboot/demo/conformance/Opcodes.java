package dev.wsboot.demo.conformance;

/**
 * Names of opcodes for transcripts.
 */
final class Opcodes {

	private Opcodes() {
	}

	static String name(int opcode) {
		return switch (opcode) {
			case 0x0 -> "CONT";
			case 0x1 -> "TEXT";
			case 0x2 -> "BINARY";
			case 0x8 -> "CLOSE";
			case 0x9 -> "PING";
			case 0xA -> "PONG";
			default -> "OP" + opcode;
		};
	}

	static boolean isControl(int opcode) {
		return (opcode & 0x8) != 0;
	}

}
