package dev.wsboot.endpoint;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import dev.wsboot.annotation.MessageDecodingException;
import dev.wsboot.observation.WsMessageHandlingObserver;
import dev.wsboot.observation.WsMessageHandlingObserver.Handling;
import dev.wsboot.protocol.close.CloseStatus;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsSession;
import io.micrometer.observation.Observation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.ConversionException;

/**
 * The {@link WsHandler} of one {@code @WsEndpoint} bean: calls its annotated methods,
 * sends their return values, routes what they throw, and tracks the endpoint's open
 * sessions for {@link dev.wsboot.server.WsSessions}.
 * <p>
 * Failures never escape to the listener. A method's exception goes to the endpoint's
 * {@code @OnError} method when it accepts that exception; otherwise it is logged once at
 * WARN, naming the endpoint and the method, and the session is closed with 1011. A text
 * message that the JSON decoder rejects is not the application's fault, so without an
 * {@code @OnError} method it is not logged above DEBUG and the session is closed with
 * 1007 (invalid payload data), like malformed UTF-8.
 */
final class EndpointHandler implements WsHandler {

	private static final Log logger = LogFactory.getLog(EndpointHandler.class);

	static final CloseStatus TEXT_NOT_SUPPORTED = CloseStatus.of(1003, "Text messages are not supported");

	static final CloseStatus BINARY_NOT_SUPPORTED = CloseStatus.of(1003, "Binary messages are not supported");

	static final CloseStatus INVALID_MESSAGE = CloseStatus.of(1007, "Invalid message");

	static final CloseStatus INTERNAL_ERROR = CloseStatus.of(1011, "Internal error");

	private final PathTemplate template;

	private final List<String> subprotocols;

	private final OriginPatterns allowedOrigins;

	private final String beanName;

	private final @Nullable EndpointMethod onOpen;

	private final @Nullable EndpointMethod onText;

	private final @Nullable EndpointMethod onBinary;

	private final @Nullable EndpointMethod onClose;

	private final @Nullable EndpointMethod onError;

	private final @Nullable JsonCodec jsonCodec;

	private final WsMessageHandlingObserver observer;

	private final boolean mayBlock;

	private final List<ParameterBinder.PathVariable> convertedPathVariables;

	private final Set<WsSession> sessions = ConcurrentHashMap.newKeySet();

	private final Collection<WsSession> sessionsView = Collections.unmodifiableSet(this.sessions);

	/**
	 * Creates a handler.
	 * @param template the endpoint's path template
	 * @param subprotocols the subprotocols it supports, most preferred first
	 * @param beanName the endpoint bean's name
	 * @param methods its annotated methods, at most one per kind
	 * @param jsonCodec encodes return values that are neither text nor bytes,
	 * {@code null} without Jackson
	 */
	EndpointHandler(PathTemplate template, List<String> subprotocols, String beanName,
			Map<EndpointMethod.Kind, EndpointMethod> methods, @Nullable JsonCodec jsonCodec) {
		this(template, subprotocols, OriginPatterns.NONE, beanName, methods, jsonCodec, WsMessageHandlingObserver.NOOP,
				true);
	}

	/**
	 * Creates a handler that observes the messages it handles.
	 * @param template the endpoint's path template
	 * @param subprotocols the subprotocols it supports, most preferred first
	 * @param allowedOrigins the origins it allows besides the global ones
	 * @param beanName the endpoint bean's name
	 * @param methods its annotated methods, at most one per kind
	 * @param jsonCodec encodes return values that are neither text nor bytes,
	 * {@code null} without Jackson
	 * @param observer observes each {@code @OnMessage} call
	 * @param mayBlock whether its methods may block ({@code @WsEndpoint(nonBlocking)} is
	 * not set)
	 */
	EndpointHandler(PathTemplate template, List<String> subprotocols, OriginPatterns allowedOrigins, String beanName,
			Map<EndpointMethod.Kind, EndpointMethod> methods, @Nullable JsonCodec jsonCodec,
			WsMessageHandlingObserver observer, boolean mayBlock) {
		this.template = template;
		this.subprotocols = List.copyOf(subprotocols);
		this.allowedOrigins = allowedOrigins;
		this.beanName = beanName;
		this.onOpen = methods.get(EndpointMethod.Kind.OPEN);
		this.onText = methods.get(EndpointMethod.Kind.TEXT);
		this.onBinary = methods.get(EndpointMethod.Kind.BINARY);
		this.onClose = methods.get(EndpointMethod.Kind.CLOSE);
		this.onError = methods.get(EndpointMethod.Kind.ERROR);
		this.jsonCodec = jsonCodec;
		this.observer = observer;
		this.mayBlock = mayBlock;
		List<ParameterBinder.PathVariable> converted = new ArrayList<>();
		for (EndpointMethod method : methods.values()) {
			for (ParameterBinder.PathVariable variable : method.pathVariables()) {
				if (variable.targetType().getType() != String.class) {
					converted.add(variable);
				}
			}
		}
		this.convertedPathVariables = List.copyOf(converted);
	}

	PathTemplate template() {
		return this.template;
	}

	List<String> subprotocols() {
		return this.subprotocols;
	}

	String beanName() {
		return this.beanName;
	}

	OriginPatterns allowedOrigins() {
		return this.allowedOrigins;
	}

	/**
	 * Returns the open sessions of this endpoint.
	 * @return a live, unmodifiable view
	 */
	Collection<WsSession> sessions() {
		return this.sessionsView;
	}

	/**
	 * Checks that the path variables of a matched request convert to every type the
	 * endpoint's {@code @PathParam} parameters declare, so that a bad value is refused in
	 * the handshake.
	 * @param pathParams the matched values
	 * @return the name of the first variable that does not convert, or {@code null}
	 */
	@Nullable String unconvertiblePathParam(Map<String, String> pathParams) {
		for (ParameterBinder.PathVariable variable : this.convertedPathVariables) {
			try {
				if (variable.convert(pathParams.get(variable.name())) == null && variable.targetType().isPrimitive()) {
					return variable.name();
				}
			}
			catch (ConversionException ex) {
				return variable.name();
			}
		}
		return null;
	}

	/**
	 * Without {@code @OnOpen} and {@code @OnClose} methods, opening and closing only
	 * update the set of sessions, which is thread-safe.
	 */
	@Override
	public boolean dispatchesOpenAndClose() {
		return this.onOpen != null || this.onClose != null;
	}

	@Override
	public boolean mayBlock() {
		return this.mayBlock;
	}

	/**
	 * An endpoint borrows: its binary payload parameter is bound, read or sent during the
	 * call (a {@code ByteBuffer} one is documented as valid only until the method
	 * returns).
	 */
	@Override
	public boolean borrowsBinary() {
		return true;
	}

	@Override
	public void onOpen(WsSession session) {
		this.sessions.add(session);
		if (this.onOpen != null) {
			call(this.onOpen, session, null);
		}
	}

	@Override
	public void onText(WsSession session, String text) {
		if (this.onText == null) {
			closeIfOpen(session, TEXT_NOT_SUPPORTED);
			return;
		}
		handleMessage(this.onText, session, text, true);
	}

	@Override
	public void onBinary(WsSession session, ByteBuffer data) {
		if (this.onBinary == null) {
			closeIfOpen(session, BINARY_NOT_SUPPORTED);
			return;
		}
		handleMessage(this.onBinary, session, data, false);
	}

	@Override
	public void onError(WsSession session, Throwable error) {
		handleError(session, error, null);
	}

	@Override
	public void onClose(WsSession session, CloseStatus status) {
		this.sessions.remove(session);
		if (this.onClose != null) {
			call(this.onClose, session, status);
		}
	}

	/**
	 * Calls an {@code @OnMessage} method under the endpoint's observer, whose handling
	 * ends once the reply is queued, or when a returned {@code CompletionStage}
	 * completes.
	 */
	private void handleMessage(EndpointMethod method, WsSession session, Object payload, boolean text) {
		Handling handling = this.observer.start(session, text);
		boolean pending;
		try (Observation.Scope scope = handling.openScope()) {
			pending = call(method, session, payload, handling);
		}
		if (!pending) {
			handling.stop();
		}
	}

	private void call(EndpointMethod method, WsSession session, @Nullable Object payload) {
		call(method, session, payload, Handling.NONE);
	}

	/**
	 * Calls a method and sends its return value.
	 * @return whether the call completes later, through a returned
	 * {@code CompletionStage} that then stops the handling
	 */
	private boolean call(EndpointMethod method, WsSession session, @Nullable Object payload, Handling handling) {
		try {
			Object result = method.invoke(session, payload);
			return result != null && reply(session, method, result, handling);
		}
		catch (Throwable ex) {
			handling.error(unwrap(ex));
			handleError(session, ex, method);
			return false;
		}
	}

	private boolean reply(WsSession session, EndpointMethod method, Object result, Handling handling) {
		if (result instanceof CompletionStage<?> stage) {
			stage.whenComplete((value, failure) -> {
				if (failure != null) {
					handling.error(unwrap(failure));
					handleError(session, failure, method);
				}
				else if (value != null) {
					try {
						send(session, method, value);
					}
					catch (Throwable ex) {
						handling.error(unwrap(ex));
						handleError(session, ex, method);
					}
				}
				handling.stop();
			});
			return true;
		}
		send(session, method, result);
		return false;
	}

	private void send(WsSession session, EndpointMethod method, Object value) {
		if (value instanceof CharSequence text) {
			session.sendText(text);
		}
		else if (value instanceof byte[] bytes) {
			session.sendBinary(bytes);
		}
		else if (value instanceof ByteBuffer buffer) {
			session.sendBinary(buffer);
		}
		else if (this.jsonCodec != null) {
			session.sendText(this.jsonCodec.encode(value));
		}
		else {
			throw new IllegalStateException("Cannot send the " + value.getClass().getName() + " returned by " + method
					+ ": without Jackson 3 only CharSequence, byte[] and ByteBuffer can be sent");
		}
	}

	private void handleError(WsSession session, Throwable thrown, @Nullable EndpointMethod source) {
		Throwable error = unwrap(thrown);
		EndpointMethod errorMethod = this.onError;
		if (errorMethod != null && errorMethod != source && errorMethod.accepts(error)) {
			try {
				errorMethod.invoke(session, error);
				return;
			}
			catch (Throwable ex) {
				Throwable secondary = unwrap(ex);
				if (secondary != error) {
					secondary.addSuppressed(error);
				}
				logUnhandled(session, errorMethod, secondary);
				closeIfOpen(session, INTERNAL_ERROR);
				return;
			}
		}
		if (error instanceof MessageDecodingException) {
			if (logger.isDebugEnabled()) {
				logger.debug("Closing WebSocket session " + session.id() + " of endpoint '" + this.template
						+ "' with 1007: " + error.getMessage());
			}
			closeIfOpen(session, INVALID_MESSAGE);
			return;
		}
		logUnhandled(session, source, error);
		closeIfOpen(session, INTERNAL_ERROR);
	}

	private void logUnhandled(WsSession session, @Nullable EndpointMethod source, Throwable error) {
		String where = (source != null) ? source.toString() : "bean '" + this.beanName + "'";
		String action = session.isOpen() ? "; closing the session with 1011" : "";
		logger.warn("Unhandled exception in WebSocket endpoint '" + this.template + "' (" + where + ", session "
				+ session.id() + ")" + action, error);
	}

	private static void closeIfOpen(WsSession session, CloseStatus status) {
		if (session.isOpen()) {
			session.close(status);
		}
	}

	/**
	 * Returns the exception the user's code threw, without reflection or future wrappers.
	 * @param thrown what was caught
	 * @return the user's exception
	 */
	static Throwable unwrap(Throwable thrown) {
		Throwable error = thrown;
		while ((error instanceof InvocationTargetException || error instanceof UndeclaredThrowableException
				|| error instanceof CompletionException || error instanceof ExecutionException)
				&& error.getCause() != null) {
			error = error.getCause();
		}
		return error;
	}

	@Override
	public String toString() {
		return "EndpointHandler[" + this.template + " -> " + this.beanName + "]";
	}

}
