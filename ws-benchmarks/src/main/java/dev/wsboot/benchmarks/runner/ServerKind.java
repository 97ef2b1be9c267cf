package dev.wsboot.benchmarks.runner;

import java.util.List;
import java.util.Locale;

import dev.wsboot.benchmarks.server.NettyEchoServer;
import dev.wsboot.benchmarks.server.tomcat.TomcatEchoServer;
import dev.wsboot.benchmarks.server.wsboot.WsbootEchoServer;

/**
 * The servers under comparison, each an echo server on {@code /echo} run as its own JVM.
 */
public enum ServerKind {

	/**
	 * The wsboot starter in a Spring Boot app with its default dispatch
	 * ({@code adaptive}: on the event loops until a call blocks, which the echo never
	 * does).
	 */
	WSBOOT("wsboot", WsbootEchoServer.class.getName()),

	/**
	 * The same app with {@code ws.server.dispatch=workers}: every call handed to a worker
	 * thread.
	 */
	WSBOOT_WORKERS("wsboot (workers)", WsbootEchoServer.class.getName(), "--ws.server.dispatch=workers"),

	/**
	 * The same app with the echo declared {@code @WsEndpoint(nonBlocking = true)}: on the
	 * event loops, with the default dispatch.
	 */
	WSBOOT_NON_BLOCKING("wsboot (non-blocking)", WsbootEchoServer.class.getName(), "--echo.non-blocking=true"),

	/** The same app with {@code ws.server.dispatch=event-loop}. */
	WSBOOT_LOOP("wsboot (loop)", WsbootEchoServer.class.getName(), "--ws.server.dispatch=event-loop"),

	/**
	 * The default app without the starter's Micrometer meters: what metrics cost.
	 */
	WSBOOT_NO_METRICS("wsboot (no metrics)", WsbootEchoServer.class.getName(),
			"--spring.autoconfigure.exclude=dev.wsboot.autoconfigure.WsMetricsAutoConfiguration"),

	/** Raw Netty 4.2. */
	NETTY("Netty", NettyEchoServer.class.getName()),

	/** Spring Boot 4.1 on Tomcat ({@code spring-boot-starter-websocket}). */
	TOMCAT("Tomcat", TomcatEchoServer.class.getName());

	private final String label;

	private final String mainClass;

	private final List<String> arguments;

	ServerKind(String label, String mainClass, String... arguments) {
		this.label = label;
		this.mainClass = mainClass;
		this.arguments = List.of(arguments);
	}

	public String label() {
		return this.label;
	}

	public String mainClass() {
		return this.mainClass;
	}

	/**
	 * Returns the arguments after the port.
	 * @return the arguments
	 */
	public List<String> arguments() {
		return this.arguments;
	}

	/**
	 * Finds a server by name, ignoring case.
	 * @param name {@code wsboot}, {@code wsboot-workers}, {@code wsboot-non-blocking},
	 * {@code wsboot-loop}, {@code wsboot-no-metrics}, {@code netty} or {@code tomcat}
	 * @return the server
	 */
	public static ServerKind parse(String name) {
		return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
	}

}
