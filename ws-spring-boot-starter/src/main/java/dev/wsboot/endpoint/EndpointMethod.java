package dev.wsboot.endpoint;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import dev.wsboot.server.WsSession;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ReflectionUtils;

/**
 * One annotated method of an endpoint bean, ready to call: a method handle bound to the
 * bean and adapted once to {@code (Object[]) -> Object}, and one {@link ParameterBinder}
 * per parameter. Immutable; a call only fills an argument array and invokes.
 */
final class EndpointMethod {

	private static final Object[] NO_ARGUMENTS = {};

	private final Kind kind;

	private final Method method;

	private final String description;

	private final MethodHandle invoker;

	private final ParameterBinder[] binders;

	private final Class<? extends Throwable> errorType;

	/**
	 * Creates an invoker.
	 * @param kind the event the method handles
	 * @param method the user's method, as declared
	 * @param invocable the method to call on {@code bean}, possibly the proxy's
	 * @param bean the endpoint bean
	 * @param binders one per parameter, in order
	 * @param errorType for an {@code @OnError} method, the type of its {@code Throwable}
	 * parameter; otherwise {@code Throwable}
	 */
	EndpointMethod(Kind kind, Method method, Method invocable, Object bean, ParameterBinder[] binders,
			Class<? extends Throwable> errorType) {
		this.kind = kind;
		this.method = method;
		this.description = InvalidEndpointSignatureException.describe(method);
		this.invoker = adapt(invocable, bean, binders.length);
		this.binders = binders.clone();
		this.errorType = errorType;
	}

	private static MethodHandle adapt(Method invocable, Object bean, int parameterCount) {
		ReflectionUtils.makeAccessible(invocable);
		try {
			MethodHandle handle = MethodHandles.lookup().unreflect(invocable).bindTo(bean);
			return handle.asSpreader(Object[].class, parameterCount)
				.asType(MethodType.methodType(Object.class, Object[].class));
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot access " + invocable, ex);
		}
	}

	/**
	 * Calls the method.
	 * @param session the session
	 * @param payload the event's value, see {@link ParameterBinder#bind}
	 * @return what the method returned, {@code null} for {@code void}
	 * @throws Throwable what the method or a binder threw, unwrapped
	 */
	@Nullable Object invoke(WsSession session, @Nullable Object payload) throws Throwable {
		Object[] arguments = NO_ARGUMENTS;
		if (this.binders.length > 0) {
			arguments = new Object[this.binders.length];
			for (int i = 0; i < arguments.length; i++) {
				arguments[i] = this.binders[i].bind(session, payload);
			}
		}
		return (Object) this.invoker.invokeExact(arguments);
	}

	/**
	 * Returns whether this {@code @OnError} method's {@code Throwable} parameter accepts
	 * an error.
	 * @param error the error
	 * @return true when the method can be called with it
	 */
	boolean accepts(Throwable error) {
		return this.errorType.isInstance(error);
	}

	/**
	 * Returns the event the method handles.
	 * @return the kind
	 */
	Kind kind() {
		return this.kind;
	}

	/**
	 * Returns the binders of the method's {@code @PathParam} parameters.
	 * @return the path variable binders, in parameter order
	 */
	List<ParameterBinder.PathVariable> pathVariables() {
		List<ParameterBinder.PathVariable> variables = new ArrayList<>();
		for (ParameterBinder binder : this.binders) {
			if (binder instanceof ParameterBinder.PathVariable variable) {
				variables.add(variable);
			}
		}
		return variables;
	}

	/**
	 * Returns the user's method.
	 * @return the method
	 */
	Method method() {
		return this.method;
	}

	@Override
	public String toString() {
		return this.description;
	}

	/**
	 * The event an endpoint method handles.
	 */
	enum Kind {

		/** {@code @OnOpen}. */
		OPEN("@OnOpen"),

		/** {@code @OnMessage} for text messages. */
		TEXT("@OnMessage"),

		/** {@code @OnMessage} for binary messages. */
		BINARY("@OnMessage"),

		/** {@code @OnClose}. */
		CLOSE("@OnClose"),

		/** {@code @OnError}. */
		ERROR("@OnError");

		private final String annotation;

		Kind(String annotation) {
			this.annotation = annotation;
		}

		/**
		 * Returns the annotation that declares this kind, for messages.
		 * @return for example {@code @OnMessage}
		 */
		String annotation() {
			return this.annotation;
		}

	}

}
