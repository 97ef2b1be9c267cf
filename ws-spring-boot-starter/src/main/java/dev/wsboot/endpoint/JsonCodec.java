package dev.wsboot.endpoint;

import java.lang.reflect.Type;

import dev.wsboot.annotation.MessageDecodingException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Turns text messages into objects and objects into text messages, for {@code @OnMessage}
 * methods that take or return neither {@code String} nor bytes. Jackson 3 is the only
 * implementation; the interface keeps Jackson's types out of the classes that load
 * without it.
 */
interface JsonCodec {

	/**
	 * Returns a decoder for one target type, made once at startup.
	 * @param type the target type, generics included
	 * @return the decoder
	 */
	Decoder decoderFor(Type type);

	/**
	 * Encodes an object as JSON text.
	 * @param value the object
	 * @return the JSON text
	 */
	String encode(Object value);

	/**
	 * Returns the codec backed by the application's Jackson {@code JsonMapper}, when
	 * Jackson 3 is on the class path.
	 * @param beanFactory where to look for the mapper bean
	 * @param classLoader the application's class loader
	 * @return the codec, or {@code null} without Jackson
	 */
	static @Nullable JsonCodec find(ListableBeanFactory beanFactory, @Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper", classLoader)) {
			return null;
		}
		return JacksonJsonCodec.fromBeanFactory(beanFactory);
	}

	/**
	 * Decodes text into one target type.
	 */
	@FunctionalInterface
	interface Decoder {

		/**
		 * Decodes a text message.
		 * @param text the message
		 * @return the decoded value, {@code null} for the JSON literal {@code null}
		 * @throws MessageDecodingException when the text is not JSON or does not fit the
		 * type
		 */
		@Nullable Object decode(String text);

	}

}
