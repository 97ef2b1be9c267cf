package dev.wsboot.server;

import java.security.Principal;
import java.util.Map;

import dev.wsboot.protocol.handshake.HttpHeaders;
import org.jspecify.annotations.Nullable;

/**
 * What the application decides about a valid opening handshake: accept it with a handler,
 * or reject it with an HTTP status.
 */
public sealed interface HandshakeDecision permits HandshakeDecision.Accept, HandshakeDecision.Reject {

	/**
	 * Accepts the connection.
	 *
	 * @param handler the endpoint's handler
	 * @param endpoint the endpoint's path template, for example {@code /rooms/{room}}: a
	 * bounded value fit for metric tags
	 * @param subprotocol the subprotocol chosen from the client's offer, or {@code null}
	 * @param pathParams the values of the template's variables
	 * @param attributes initial session attributes
	 * @param principal the authenticated principal, or {@code null}
	 */
	record Accept(WsHandler handler, String endpoint, @Nullable String subprotocol, Map<String, String> pathParams,
			Map<String, Object> attributes, @Nullable Principal principal) implements HandshakeDecision {

		/**
		 * Accepts with a handler and nothing else.
		 * @param handler the endpoint's handler
		 * @param endpoint the endpoint's path template
		 */
		public Accept(WsHandler handler, String endpoint) {
			this(handler, endpoint, null, Map.of(), Map.of(), null);
		}

	}

	/**
	 * Rejects the connection with an HTTP error response.
	 *
	 * @param status the HTTP status, for example 403
	 * @param message a short text for the response body and the log
	 * @param reason a bounded metric tag value: {@code not_found}, {@code origin},
	 * {@code interceptor} and so on
	 * @param headers more header fields of the response, for example a 401's
	 * {@code WWW-Authenticate}
	 */
	record Reject(int status, String message, String reason, HttpHeaders headers) implements HandshakeDecision {

		/**
		 * Rejects with no header fields of the application's.
		 * @param status the HTTP status, for example 403
		 * @param message a short text for the response body and the log
		 * @param reason a bounded metric tag value
		 */
		public Reject(int status, String message, String reason) {
			this(status, message, reason, HttpHeaders.empty());
		}

	}

}
