package dev.wsboot.endpoint;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.wsboot.annotation.OnClose;
import dev.wsboot.annotation.OnError;
import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.OnOpen;
import dev.wsboot.annotation.WsEndpoint;
import dev.wsboot.observation.WsMessageHandlingObservers;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.convert.ConversionService;

/**
 * Reads one {@code @WsEndpoint} bean: its path template and subprotocols, and its
 * annotated methods, each turned into an {@link EndpointMethod}. Everything is checked
 * here, at startup.
 */
final class EndpointHandlerFactory {

	private static final List<Class<? extends Annotation>> METHOD_ANNOTATIONS = List.of(OnOpen.class, OnMessage.class,
			OnClose.class, OnError.class);

	private final EndpointMethodFactory methodFactory;

	private final @Nullable JsonCodec jsonCodec;

	private final WsMessageHandlingObservers observers;

	/**
	 * Creates a factory.
	 * @param conversionService converts {@code @PathParam} values
	 * @param jsonCodec decodes and encodes JSON messages, {@code null} without Jackson
	 */
	EndpointHandlerFactory(ConversionService conversionService, @Nullable JsonCodec jsonCodec) {
		this(conversionService, jsonCodec, WsMessageHandlingObservers.NOOP);
	}

	/**
	 * Creates a factory whose handlers observe the messages they handle.
	 * @param conversionService converts {@code @PathParam} values
	 * @param jsonCodec decodes and encodes JSON messages, {@code null} without Jackson
	 * @param observers give each endpoint the observer of its {@code @OnMessage} calls
	 */
	EndpointHandlerFactory(ConversionService conversionService, @Nullable JsonCodec jsonCodec,
			WsMessageHandlingObservers observers) {
		this.methodFactory = new EndpointMethodFactory(conversionService, jsonCodec);
		this.jsonCodec = jsonCodec;
		this.observers = observers;
	}

	/**
	 * Builds the handler of an endpoint bean.
	 * @param beanName the bean's name
	 * @param bean the bean, possibly a proxy
	 * @param targetClass the user's class behind any proxy
	 * @return the handler
	 * @throws BeanInitializationException when the class is not a valid endpoint
	 */
	EndpointHandler create(String beanName, Object bean, Class<?> targetClass) {
		WsEndpoint endpoint = AnnotatedElementUtils.findMergedAnnotation(targetClass, WsEndpoint.class);
		if (endpoint == null) {
			throw new BeanInitializationException(
					"Bean '" + beanName + "' of type " + targetClass.getName() + " is not annotated with @WsEndpoint");
		}
		PathTemplate template;
		try {
			template = PathTemplate.parse(endpoint.path());
		}
		catch (IllegalArgumentException ex) {
			throw new BeanInitializationException(
					"Invalid @WsEndpoint " + targetClass.getName() + " (bean '" + beanName + "'): " + ex.getMessage(),
					ex);
		}
		OriginPatterns allowedOrigins;
		try {
			allowedOrigins = OriginPatterns.parse(Arrays.asList(endpoint.allowedOrigins()));
		}
		catch (IllegalArgumentException ex) {
			throw new BeanInitializationException("Invalid @WsEndpoint " + targetClass.getName() + " (bean '" + beanName
					+ "'): allowedOrigins: " + ex.getMessage(), ex);
		}
		Map<Method, Class<? extends Annotation>> annotated = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<Class<? extends Annotation>>) (method) -> annotationOf(beanName,
						method));
		Map<EndpointMethod.Kind, EndpointMethod> methods = new EnumMap<>(EndpointMethod.Kind.class);
		annotated.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey((a, b) -> a.toGenericString().compareTo(b.toGenericString())))
			.forEach((entry) -> {
				EndpointMethod method = this.methodFactory.create(beanName, bean, entry.getKey(), entry.getValue(),
						template);
				EndpointMethod previous = methods.putIfAbsent(method.kind(), method);
				if (previous != null) {
					throw new InvalidEndpointSignatureException("Invalid @WsEndpoint " + targetClass.getName()
							+ " (bean '" + beanName + "'): " + describeKind(method.kind()) + " "
							+ InvalidEndpointSignatureException.describe(previous.method()) + " and "
							+ InvalidEndpointSignatureException.describe(method.method())
							+ "; an endpoint has at most one @OnOpen, @OnClose and @OnError method, and at most one "
							+ "@OnMessage method for text (String or JSON) and one for binary (byte[] or ByteBuffer) "
							+ "messages");
				}
			});
		return new EndpointHandler(template, Arrays.asList(endpoint.subprotocols()), allowedOrigins, beanName, methods,
				this.jsonCodec, this.observers.forEndpoint(template.template()), !endpoint.nonBlocking());
	}

	private static @Nullable Class<? extends Annotation> annotationOf(String beanName, Method method) {
		Class<? extends Annotation> found = null;
		for (Class<? extends Annotation> type : METHOD_ANNOTATIONS) {
			if (AnnotatedElementUtils.hasAnnotation(method, type)) {
				if (found != null) {
					throw new InvalidEndpointSignatureException("Invalid method "
							+ InvalidEndpointSignatureException.describe(method) + " of @WsEndpoint bean '" + beanName
							+ "': it is annotated with both @" + found.getSimpleName() + " and @" + type.getSimpleName()
							+ "; use one method per event");
				}
				found = type;
			}
		}
		return found;
	}

	private static String describeKind(EndpointMethod.Kind kind) {
		return switch (kind) {
			case TEXT -> "two @OnMessage methods for text messages:";
			case BINARY -> "two @OnMessage methods for binary messages:";
			default -> "two " + kind.annotation() + " methods:";
		};
	}

}
