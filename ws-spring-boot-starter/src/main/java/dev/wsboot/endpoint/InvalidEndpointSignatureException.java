package dev.wsboot.endpoint;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.beans.factory.BeanInitializationException;

/**
 * Thrown at startup when a method of a {@code @WsEndpoint} bean is declared in a way the
 * starter cannot call: a parameter or return type it cannot supply or send, two methods
 * for the same event, and so on. The message names the bean, the class and the method,
 * says what is wrong and lists the shapes that are allowed.
 */
public class InvalidEndpointSignatureException extends BeanInitializationException {

	/**
	 * Creates an exception with a complete message.
	 * @param message the message
	 */
	public InvalidEndpointSignatureException(String message) {
		super(message);
	}

	/**
	 * Creates an exception about one method.
	 * @param beanName the endpoint bean's name
	 * @param method the method
	 * @param annotation the method's annotation, for example {@code @OnMessage}
	 * @param problem what is wrong
	 * @param allowed the shapes that are allowed
	 */
	InvalidEndpointSignatureException(String beanName, Method method, String annotation, String problem,
			String allowed) {
		this("Invalid " + annotation + " method " + describe(method) + " of @WsEndpoint bean '" + beanName + "': "
				+ problem + ". " + allowed);
	}

	/**
	 * Describes a method as {@code com.example.Chat.echo(WsSession, String)}.
	 * @param method the method
	 * @return the description
	 */
	static String describe(Method method) {
		return method.getDeclaringClass().getName() + "." + method.getName()
				+ Arrays.stream(method.getParameterTypes())
					.map(Class::getSimpleName)
					.collect(Collectors.joining(", ", "(", ")"));
	}

}
