package dev.wsboot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Value;

/**
 * Injects the port the WebSocket server is listening on, which is useful in tests run
 * with {@code ws.server.port=0}. A shortcut for
 * {@code @Value("${local.ws.server.port}")}; the property exists once the server has
 * started, so inject it into test instances or lazily resolved beans.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Value("${local.ws.server.port}")
public @interface LocalWsServerPort {

}
