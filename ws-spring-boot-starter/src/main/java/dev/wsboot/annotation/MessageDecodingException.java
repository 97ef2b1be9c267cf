package dev.wsboot.annotation;

import java.lang.reflect.Type;

/**
 * Thrown to an endpoint's {@link OnError @OnError} method when a text message cannot be
 * decoded into the type of the {@link OnMessage @OnMessage} method's parameter, for
 * example because it is not valid JSON or does not fit the type. Without an
 * {@code @OnError} method, the session is closed with 1007 (invalid payload data).
 */
public class MessageDecodingException extends RuntimeException {

	private final transient Type targetType;

	/**
	 * Creates an exception.
	 * @param targetType the type the message was to be decoded into
	 * @param cause what the decoder threw
	 */
	public MessageDecodingException(Type targetType, Throwable cause) {
		super("Cannot decode text message into " + targetType.getTypeName() + ": " + cause.getMessage(), cause);
		this.targetType = targetType;
	}

	/**
	 * Returns the type the message was to be decoded into.
	 * @return the target type
	 */
	public Type getTargetType() {
		return this.targetType;
	}

}
