package dev.wsboot.observation;

import dev.wsboot.server.WsSession;
import io.micrometer.observation.Observation;

/**
 * The context of one message handled by an endpoint.
 */
public class WsMessageHandlingContext extends Observation.Context {

	private final String endpoint;

	private final WsSession session;

	private final boolean text;

	/**
	 * Creates a context.
	 * @param endpoint the endpoint's path template
	 * @param session the session the message arrived on
	 * @param text whether the message is text (else binary)
	 */
	public WsMessageHandlingContext(String endpoint, WsSession session, boolean text) {
		this.endpoint = endpoint;
		this.session = session;
		this.text = text;
	}

	/**
	 * Returns the endpoint's path template, for example {@code /chat/{room}}.
	 * @return the path template
	 */
	public String getEndpoint() {
		return this.endpoint;
	}

	/**
	 * Returns the session the message arrived on.
	 * @return the session
	 */
	public WsSession getSession() {
		return this.session;
	}

	/**
	 * Returns whether the message is text.
	 * @return true for text, false for binary
	 */
	public boolean isText() {
		return this.text;
	}

}
