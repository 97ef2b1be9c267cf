package dev.wsboot.autoconfigure;

import java.net.BindException;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class WsPortInUseFailureAnalyzerTests {

	@Test
	void tellsUserToChangeThePort() {
		WsPortInUseException failure = new WsPortInUseException(8001, new BindException("Address already in use"));
		FailureAnalysis analysis = new WsPortInUseFailureAnalyzer()
			.analyze(new IllegalStateException("Failed to start bean 'wsServerLifecycle'", failure));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("WebSocket server").contains("port 8001 is already in use");
		assertThat(analysis.getAction()).contains("ws.server.port").contains("8001");
		assertThat(analysis.getCause()).isSameAs(failure);
	}

	@Test
	void ignoresOtherFailures() {
		assertThat(new WsPortInUseFailureAnalyzer().analyze(new BindException("some other server"))).isNull();
	}

}
