package dev.wsboot.benchmarks.server.wsboot;

import java.nio.ByteBuffer;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsEndpoint;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * Sends each text and binary message back, as a user of the starter would write it: where
 * the dispatch puts methods that may block (with the default, on the event loops until a
 * call blocks), unless {@code echo.non-blocking} is set.
 */
@WsEndpoint("/echo")
@ConditionalOnBooleanProperty(name = "echo.non-blocking", havingValue = false, matchIfMissing = true)
public class EchoEndpoint {

	@OnMessage
	public String text(String message) {
		return message;
	}

	/**
	 * Returns the message it was given: a view of a pooled buffer on the workers, of the
	 * bytes where they were read when non-blocking, which it must not keep (and does
	 * not).
	 */
	@OnMessage
	public ByteBuffer binary(ByteBuffer message) {
		return message;
	}

}
