package dev.wsboot.endpoint;

import java.io.InputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import dev.wsboot.annotation.OnClose;
import dev.wsboot.annotation.OnError;
import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.OnOpen;
import dev.wsboot.annotation.PathParam;
import dev.wsboot.endpoint.EndpointMethod.Kind;
import dev.wsboot.protocol.close.CloseStatus;
import dev.wsboot.server.WsSession;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.ResolvableType;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Turns an annotated method of an endpoint bean into an {@link EndpointMethod}, checking
 * its parameters and return type once, at startup.
 */
final class EndpointMethodFactory {

	static final String OPEN_SHAPES = "An @OnOpen method takes any of WsSession and @PathParam parameters "
			+ "and returns void.";

	static final String MESSAGE_SHAPES = "An @OnMessage method takes exactly one message parameter (String for "
			+ "text; byte[] or ByteBuffer for binary; any other type for text decoded from JSON, which needs "
			+ "Jackson 3) and any of WsSession and @PathParam parameters; it returns void, String, byte[], "
			+ "ByteBuffer, an object sent as JSON text (needs Jackson 3), or a CompletionStage of one of these.";

	static final String CLOSE_SHAPES = "An @OnClose method takes any of WsSession, CloseStatus and @PathParam "
			+ "parameters and returns void.";

	static final String ERROR_SHAPES = "An @OnError method takes exactly one Throwable parameter and any of "
			+ "WsSession and @PathParam parameters, and returns void.";

	private static final TypeDescriptor STRING = TypeDescriptor.valueOf(String.class);

	/** Types that are clearly not meant as a JSON message. */
	private static final Class<?>[] NOT_JSON = { CloseStatus.class, Throwable.class, CharSequence.class,
			Principal.class, Future.class, CompletionStage.class, InputStream.class, Reader.class, ByteBuffer.class,
			Annotation.class };

	private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final ConversionService conversionService;

	private final @Nullable JsonCodec jsonCodec;

	/**
	 * Creates a factory.
	 * @param conversionService converts {@code @PathParam} values
	 * @param jsonCodec decodes and encodes JSON messages, {@code null} without Jackson
	 */
	EndpointMethodFactory(ConversionService conversionService, @Nullable JsonCodec jsonCodec) {
		this.conversionService = conversionService;
		this.jsonCodec = jsonCodec;
	}

	/**
	 * Builds the invoker of one method.
	 * @param beanName the endpoint bean's name
	 * @param bean the endpoint bean, possibly a proxy
	 * @param method the annotated method of the bean's target class
	 * @param annotationType which of {@code @OnOpen}, {@code @OnMessage},
	 * {@code @OnClose}, {@code @OnError} it carries
	 * @param template the endpoint's path template
	 * @return the invoker
	 * @throws InvalidEndpointSignatureException when the method cannot be called as
	 * declared
	 */
	EndpointMethod create(String beanName, Object bean, Method method, Class<? extends Annotation> annotationType,
			PathTemplate template) {
		Check check = new Check(beanName, method, annotationType);
		if (Modifier.isStatic(method.getModifiers())) {
			throw check.fail("it must not be static");
		}
		ParameterBinder[] binders = new ParameterBinder[method.getParameterCount()];
		@Nullable Kind kind = (annotationType == OnOpen.class) ? Kind.OPEN : (annotationType == OnClose.class) ? Kind.CLOSE
				: (annotationType == OnError.class) ? Kind.ERROR : null;
		Class<? extends Throwable> errorType = Throwable.class;
		int payloads = 0;
		for (int i = 0; i < binders.length; i++) {
			MethodParameter parameter = new MethodParameter(method, i);
			parameter.initParameterNameDiscovery(this.parameterNames);
			Class<?> type = parameter.getParameterType();
			String position = "parameter " + (i + 1) + " (" + type.getSimpleName() + ")";
			PathParam pathParam = parameter.getParameterAnnotation(PathParam.class);
			if (pathParam != null) {
				binders[i] = pathVariable(check, parameter, pathParam, position, template);
			}
			else if (type == WsSession.class) {
				binders[i] = new ParameterBinder.Session();
			}
			else if (annotationType == OnMessage.class) {
				if (++payloads > 1) {
					throw check.fail(position + " is a second message parameter; a method handles either text or "
							+ "binary messages, through one parameter");
				}
				if (type == String.class) {
					binders[i] = new ParameterBinder.Payload();
					kind = Kind.TEXT;
				}
				else if (type == byte[].class) {
					binders[i] = new ParameterBinder.Bytes();
					kind = Kind.BINARY;
				}
				else if (type == ByteBuffer.class) {
					binders[i] = new ParameterBinder.Payload();
					kind = Kind.BINARY;
				}
				else if (isNotJson(type)) {
					throw check.fail(position + " cannot be supplied to an @OnMessage method");
				}
				else if (this.jsonCodec == null) {
					throw check.fail(position + " would be decoded from JSON text, but Jackson 3 "
							+ "(tools.jackson.core:jackson-databind) is not on the class path; add it or take the "
							+ "text as a String");
				}
				else {
					binders[i] = new ParameterBinder.Json(
							this.jsonCodec.decoderFor(parameter.getGenericParameterType()));
					kind = Kind.TEXT;
				}
			}
			else if (annotationType == OnClose.class && type == CloseStatus.class) {
				if (++payloads > 1) {
					throw check.fail(position + " is a second CloseStatus parameter");
				}
				binders[i] = new ParameterBinder.Payload();
			}
			else if (annotationType == OnError.class && Throwable.class.isAssignableFrom(type)) {
				if (++payloads > 1) {
					throw check.fail(position + " is a second Throwable parameter");
				}
				binders[i] = new ParameterBinder.Payload();
				errorType = type.asSubclass(Throwable.class);
			}
			else {
				throw check.fail(position + " cannot be supplied to " + check.annotation + " methods");
			}
		}
		if (annotationType == OnMessage.class && payloads == 0) {
			throw check.fail("it has no message parameter");
		}
		if (annotationType == OnError.class && payloads == 0) {
			throw check.fail("it has no Throwable parameter");
		}
		checkReturnType(check, method, annotationType);
		Assert.state(kind != null, "No kind");
		Method invocable;
		try {
			invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		}
		catch (IllegalStateException ex) {
			throw check.fail(ex.getMessage());
		}
		return new EndpointMethod(kind, method, invocable, bean, binders, errorType);
	}

	private ParameterBinder pathVariable(Check check, MethodParameter parameter, PathParam pathParam, String position,
			PathTemplate template) {
		String name = pathParam.value().isEmpty() ? parameter.getParameterName() : pathParam.value();
		if (name == null) {
			throw check.fail(position + " is a @PathParam without a name: name it, as in @PathParam(\"room\"), or "
					+ "compile with -parameters");
		}
		if (!template.variables().contains(name)) {
			throw check.fail(position + " is @PathParam '" + name + "', which is not a variable of the path template '"
					+ template + "' (variables: " + template.variables() + ")");
		}
		TypeDescriptor targetType = new TypeDescriptor(parameter);
		if (!this.conversionService.canConvert(STRING, targetType)) {
			throw check.fail(position + " is @PathParam '" + name + "', but a String cannot be converted to "
					+ parameter.getParameterType().getName());
		}
		return new ParameterBinder.PathVariable(name, targetType, this.conversionService);
	}

	private void checkReturnType(Check check, Method method, Class<? extends Annotation> annotationType) {
		Class<?> returnType = method.getReturnType();
		if (annotationType != OnMessage.class) {
			if (returnType != void.class) {
				throw check.fail("it must return void, not " + returnType.getSimpleName());
			}
			return;
		}
		Class<?> sent = returnType;
		if (CompletionStage.class.isAssignableFrom(returnType)) {
			sent = ResolvableType.forMethodReturnType(method)
				.as(CompletionStage.class)
				.getGeneric(0)
				.resolve(Object.class);
		}
		else if (Future.class.isAssignableFrom(returnType)) {
			throw check.fail("it returns a " + returnType.getSimpleName()
					+ ", which cannot be awaited without blocking; return a CompletableFuture or CompletionStage");
		}
		if (isReactive(sent)) {
			throw check.fail("it returns a reactive " + sent.getSimpleName()
					+ ", which is not supported; return a CompletionStage");
		}
		if (sent == void.class || sent == Void.class || sent == Object.class || sent == byte[].class
				|| CharSequence.class.isAssignableFrom(sent) || ByteBuffer.class.isAssignableFrom(sent)) {
			return;
		}
		if (isNotJson(sent)) {
			throw check.fail("its return type " + sent.getSimpleName() + " cannot be sent as a message");
		}
		if (this.jsonCodec == null) {
			throw check.fail("its return type " + sent.getSimpleName() + " would be sent as JSON text, but Jackson 3 "
					+ "(tools.jackson.core:jackson-databind) is not on the class path; add it or return a String");
		}
	}

	private static boolean isNotJson(Class<?> type) {
		for (Class<?> excluded : NOT_JSON) {
			if (excluded.isAssignableFrom(type)) {
				return true;
			}
		}
		return WsSession.class.isAssignableFrom(type) || isReactive(type);
	}

	private static boolean isReactive(Class<?> type) {
		if (type.getName().equals("org.reactivestreams.Publisher")) {
			return true;
		}
		for (Class<?> implemented : ClassUtils.getAllInterfacesForClassAsSet(type)) {
			if (implemented.getName().equals("org.reactivestreams.Publisher")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * What a failure message needs to name.
	 */
	private static final class Check {

		private final String beanName;

		private final Method method;

		private final String annotation;

		private final String shapes;

		Check(String beanName, Method method, Class<? extends Annotation> annotationType) {
			this.beanName = beanName;
			this.method = method;
			this.annotation = "@" + annotationType.getSimpleName();
			this.shapes = (annotationType == OnOpen.class) ? OPEN_SHAPES : (annotationType == OnClose.class)
					? CLOSE_SHAPES : (annotationType == OnError.class) ? ERROR_SHAPES : MESSAGE_SHAPES;
		}

		InvalidEndpointSignatureException fail(@Nullable String problem) {
			return new InvalidEndpointSignatureException(this.beanName, this.method, this.annotation,
					String.valueOf(problem), this.shapes);
		}

	}

}
