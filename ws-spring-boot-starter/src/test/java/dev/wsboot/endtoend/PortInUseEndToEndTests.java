package dev.wsboot.endtoend;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Starting on a port that is taken fails with advice to change {@code ws.server.port}.
 */
@ExtendWith(OutputCaptureExtension.class)
class PortInUseEndToEndTests {

	@Test
	void reportsPortInUseWithAdvice(CapturedOutput output) throws Exception {
		try (ServerSocket taken = new ServerSocket()) {
			taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			int port = taken.getLocalPort();
			assertThatException().isThrownBy(() -> new SpringApplicationBuilder(EndToEndApplication.class)
				.properties("ws.server.port=" + port, "ws.server.address=127.0.0.1")
				.run());
			assertThat(output).contains("APPLICATION FAILED TO START")
				.contains("The WebSocket server failed to start: port " + port + " is already in use.")
				.contains("'ws.server.port'");
		}
	}

}
