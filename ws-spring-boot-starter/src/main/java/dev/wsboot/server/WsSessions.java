package dev.wsboot.server;

import java.util.Collection;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The open sessions of the application's endpoints, to reach them from outside their
 * handlers, for example to broadcast. Inject it wherever it is needed; it is safe to use
 * from any thread.
 * <p>
 * Endpoints are named by their path template, exactly as declared, for example
 * {@code /rooms/{room}}; a broadcast to a template reaches the sessions of every path it
 * matched, so filter by {@link WsSession#pathParams()} to reach one room. A broadcast
 * encodes the frame once, through {@link PreparedMessage}, and hands it to each open
 * session; a session whose outbound buffer is full gets the behaviour of its overflow
 * policy, without slowing the others down. <pre class="code">
 * sessions.broadcast("/rooms/{room}", (s) -&gt; room.equals(s.pathParams().get("room")), text);
 * </pre>
 */
public interface WsSessions {

	/**
	 * Returns the path templates of the application's endpoints.
	 * @return the endpoints' templates
	 */
	Set<String> endpoints();

	/**
	 * Returns the open sessions of one endpoint.
	 * @param endpoint the endpoint's path template, as declared
	 * @return a live, unmodifiable view; iterating it is safe while sessions open and
	 * close
	 * @throws IllegalArgumentException when no endpoint has that template
	 */
	Collection<WsSession> sessions(String endpoint);

	/**
	 * Sends a message to every open session of an endpoint.
	 * @param endpoint the endpoint's path template, as declared
	 * @param message the message, encoded once
	 * @return how many sessions the message was handed to
	 * @throws IllegalArgumentException when no endpoint has that template
	 */
	default int broadcast(String endpoint, PreparedMessage message) {
		return broadcast(endpoint, (session) -> true, message);
	}

	/**
	 * Sends a text message to every open session of an endpoint.
	 * @param endpoint the endpoint's path template, as declared
	 * @param text the message, encoded once
	 * @return how many sessions the message was handed to
	 * @throws IllegalArgumentException when no endpoint has that template
	 */
	default int broadcast(String endpoint, String text) {
		return broadcast(endpoint, PreparedMessage.text(text));
	}

	/**
	 * Sends a text message to the open sessions of an endpoint that a filter accepts.
	 * @param endpoint the endpoint's path template, as declared
	 * @param filter chooses the receivers, for example by path parameter or attribute
	 * @param text the message, encoded once
	 * @return how many sessions the message was handed to
	 * @throws IllegalArgumentException when no endpoint has that template
	 */
	default int broadcast(String endpoint, Predicate<? super WsSession> filter, String text) {
		return broadcast(endpoint, filter, PreparedMessage.text(text));
	}

	/**
	 * Sends a message to the open sessions of an endpoint that a filter accepts.
	 * @param endpoint the endpoint's path template, as declared
	 * @param filter chooses the receivers, for example by path parameter or attribute
	 * @param message the message, encoded once
	 * @return how many sessions the message was handed to
	 * @throws IllegalArgumentException when no endpoint has that template
	 */
	int broadcast(String endpoint, Predicate<? super WsSession> filter, PreparedMessage message);

}
