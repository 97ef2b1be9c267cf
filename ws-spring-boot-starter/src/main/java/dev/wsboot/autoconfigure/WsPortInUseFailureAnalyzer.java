package dev.wsboot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Tells the user what to do when the WebSocket server's port is taken.
 */
class WsPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<WsPortInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, WsPortInUseException cause) {
		int port = cause.getPort();
		return new FailureAnalysis("The WebSocket server failed to start: port " + port + " is already in use.",
				"Identify and stop the process that is listening on port " + port
						+ ", or configure the WebSocket server to listen on another port with the property "
						+ "'ws.server.port' (0 picks a free port).",
				cause);
	}

}
