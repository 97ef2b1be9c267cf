package dev.wsboot.endpoint;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.convert.support.DefaultConversionService;

/**
 * Builds endpoint handlers and registries from plain objects, without an application
 * context.
 */
final class Endpoints {

	static final JsonCodec JSON = new JacksonJsonCodec(JsonMapper.shared());

	private Endpoints() {
	}

	static EndpointHandler handler(Object bean) {
		return handler(bean, JSON);
	}

	static EndpointHandler handler(Object bean, JsonCodec codec) {
		return new EndpointHandlerFactory(DefaultConversionService.getSharedInstance(), codec).create(beanName(bean),
				bean, bean.getClass());
	}

	static EndpointHandler handlerWithoutJson(Object bean) {
		return new EndpointHandlerFactory(DefaultConversionService.getSharedInstance(), null).create(beanName(bean),
				bean, bean.getClass());
	}

	static WsEndpointRegistry registry(Object... beans) {
		WsEndpointRegistry registry = new WsEndpointRegistry();
		registry.register(List.of(beans).stream().map(Endpoints::handler).toList());
		return registry;
	}

	static String beanName(Object bean) {
		String simpleName = bean.getClass().getSimpleName();
		return Character.toLowerCase(simpleName.charAt(0)) + simpleName.substring(1);
	}

}
