package dev.wsboot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a method parameter of a {@link WsEndpoint @WsEndpoint} bean to a variable of the
 * endpoint's path template: with {@code @WsEndpoint("/rooms/{room}")},
 * {@code @PathParam String room} is {@code lobby} for a session opened on
 * {@code /rooms/lobby}.
 * <p>
 * The value is percent-decoded and converted with Spring's {@code ConversionService}, so
 * {@code String}, primitives and their wrappers and other convertible types work. A
 * request path whose value does not convert to every type the endpoint declares for it is
 * refused during the handshake with 400 (bad request). A name that is not a variable of
 * the template fails the application's startup.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PathParam {

	/**
	 * The name of the template variable. Defaults to the parameter's name, which the
	 * compiler keeps with {@code -parameters} (Spring Boot's build plugins set it).
	 * @return the variable's name, or empty to use the parameter's name
	 */
	String value() default "";

}
