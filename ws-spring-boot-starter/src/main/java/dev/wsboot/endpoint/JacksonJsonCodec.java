package dev.wsboot.endpoint;

import java.lang.reflect.Type;

import dev.wsboot.annotation.MessageDecodingException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * A {@link JsonCodec} on a Jackson 3 {@link JsonMapper}. Only loaded when Jackson is on
 * the class path.
 */
final class JacksonJsonCodec implements JsonCodec {

	private final JsonMapper mapper;

	JacksonJsonCodec(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Uses the application's {@code JsonMapper} bean (Spring Boot's Jackson
	 * auto-configuration defines one), or a mapper with Jackson's defaults when there is
	 * no unique one.
	 * @param beanFactory where to look for the mapper
	 * @return the codec
	 */
	static JacksonJsonCodec fromBeanFactory(ListableBeanFactory beanFactory) {
		JsonMapper mapper = beanFactory.getBeanProvider(JsonMapper.class).getIfUnique(JsonMapper::shared);
		return new JacksonJsonCodec(mapper);
	}

	@Override
	public Decoder decoderFor(Type type) {
		ObjectReader reader = this.mapper.readerFor(this.mapper.constructType(type));
		return (text) -> {
			try {
				return reader.readValue(text);
			}
			catch (JacksonException ex) {
				throw new MessageDecodingException(type, ex);
			}
		};
	}

	@Override
	public String encode(Object value) {
		return this.mapper.writeValueAsString(value);
	}

}
