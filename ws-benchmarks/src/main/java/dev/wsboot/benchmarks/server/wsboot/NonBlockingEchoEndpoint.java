package dev.wsboot.benchmarks.server.wsboot;

import dev.wsboot.annotation.WsEndpoint;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * The same echo declared non-blocking, as a user who knows the methods never wait would
 * write it: it runs on the event loops with the starter's default dispatch.
 */
@WsEndpoint(path = "/echo", nonBlocking = true)
@ConditionalOnBooleanProperty("echo.non-blocking")
public class NonBlockingEchoEndpoint extends EchoEndpoint {

}
