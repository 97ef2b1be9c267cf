package dev.wsboot.endpoint;

import java.nio.ByteBuffer;
import java.util.Arrays;

import dev.wsboot.server.WsSession;
import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;

/**
 * Supplies one parameter of an endpoint method. One binder per parameter is chosen at
 * startup; at runtime a binder only picks or converts a value, never looks anything up
 * reflectively.
 */
sealed interface ParameterBinder {

	/**
	 * Returns the argument.
	 * @param session the session the call is for
	 * @param payload the event's value: the message ({@code String} or
	 * {@code ByteBuffer}), the {@code CloseStatus}, the {@code Throwable}, or
	 * {@code null} for {@code @OnOpen}
	 * @return the argument
	 */
	@Nullable Object bind(WsSession session, @Nullable Object payload);

	/** The session itself. */
	record Session() implements ParameterBinder {

		@Override
		public Object bind(WsSession session, @Nullable Object payload) {
			return session;
		}

	}

	/**
	 * The event's value as it is: a text message's {@code String}, a binary message's
	 * {@code ByteBuffer}, a {@code CloseStatus} or a {@code Throwable}.
	 */
	record Payload() implements ParameterBinder {

		@Override
		public @Nullable Object bind(WsSession session, @Nullable Object payload) {
			return payload;
		}

	}

	/**
	 * A binary message as a {@code byte[]}, copied only when the buffer is not exactly
	 * one array. A part of an array is copied with {@code Arrays.copyOfRange}, which need
	 * not zero the new array first, as a plain allocation must.
	 */
	record Bytes() implements ParameterBinder {

		@Override
		public byte[] bind(WsSession session, @Nullable Object payload) {
			ByteBuffer buffer = (ByteBuffer) payload;
			if (buffer.hasArray()) {
				byte[] array = buffer.array();
				int from = buffer.arrayOffset() + buffer.position();
				return (from == 0 && buffer.remaining() == array.length) ? array
						: Arrays.copyOfRange(array, from, from + buffer.remaining());
			}
			byte[] bytes = new byte[buffer.remaining()];
			buffer.duplicate().get(bytes);
			return bytes;
		}

	}

	/**
	 * A text message decoded from JSON.
	 *
	 * @param decoder the decoder for the parameter's type
	 */
	record Json(JsonCodec.Decoder decoder) implements ParameterBinder {

		@Override
		public @Nullable Object bind(WsSession session, @Nullable Object payload) {
			return this.decoder.decode((String) payload);
		}

	}

	/**
	 * A path template variable, converted to the parameter's type.
	 *
	 * @param name the variable's name
	 * @param targetType the parameter's type
	 * @param conversionService converts the text
	 */
	record PathVariable(String name, TypeDescriptor targetType,
			ConversionService conversionService) implements ParameterBinder {

		private static final TypeDescriptor STRING = TypeDescriptor.valueOf(String.class);

		@Override
		public @Nullable Object bind(WsSession session, @Nullable Object payload) {
			return convert(session.pathParams().get(this.name));
		}

		/**
		 * Converts a variable's text to the parameter's type.
		 * @param value the text
		 * @return the converted value
		 * @throws org.springframework.core.convert.ConversionException when it does not
		 * convert
		 */
		@Nullable Object convert(@Nullable String value) {
			if (this.targetType.getType() == String.class) {
				return value;
			}
			return this.conversionService.convert(value, STRING, this.targetType);
		}

	}

}
