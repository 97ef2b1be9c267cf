package dev.wsboot.benchmarks.runner;

import java.util.Locale;

import dev.wsboot.benchmarks.server.NettyEchoServer;
import dev.wsboot.benchmarks.server.WsbootEchoServer;
import dev.wsboot.benchmarks.server.tomcat.TomcatEchoServer;

/**
 * The servers under comparison, each an echo server on {@code /echo} run as its own JVM.
 */
public enum ServerKind {

	/** wsboot's listener. */
	WSBOOT("wsboot", WsbootEchoServer.class.getName()),

	/** Raw Netty 4.2. */
	NETTY("Netty", NettyEchoServer.class.getName()),

	/** Spring Boot 4.1 on Tomcat ({@code spring-boot-starter-websocket}). */
	TOMCAT("Tomcat", TomcatEchoServer.class.getName());

	private final String label;

	private final String mainClass;

	ServerKind(String label, String mainClass) {
		this.label = label;
		this.mainClass = mainClass;
	}

	public String label() {
		return this.label;
	}

	public String mainClass() {
		return this.mainClass;
	}

	/**
	 * Finds a server by name, ignoring case.
	 * @param name {@code wsboot}, {@code netty} or {@code tomcat}
	 * @return the server
	 */
	public static ServerKind parse(String name) {
		return valueOf(name.trim().toUpperCase(Locale.ROOT));
	}

}
