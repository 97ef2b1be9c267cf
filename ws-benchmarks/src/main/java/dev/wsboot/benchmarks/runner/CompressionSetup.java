package dev.wsboot.benchmarks.runner;

import java.util.List;
import java.util.Locale;

import dev.wsboot.benchmarks.load.ChatLoad;
import dev.wsboot.protocol.extension.PerMessageDeflateConfig;
import dev.wsboot.protocol.extension.PerMessageDeflateParameters;

/**
 * The configurations the compression benchmark compares: a server, how it is started,
 * whether the load tool offers permessage-deflate, and the terms the server must then
 * agree to (a run that negotiates anything else is reported as a problem, since its
 * numbers would be for another configuration).
 */
enum CompressionSetup {

	/** wsboot, the load tool offers nothing: the baseline. */
	PLAIN("uncompressed", ServerKind.WSBOOT, List.of(), List.of(), null, null),

	/**
	 * wsboot at the starter's defaults, which answer a browser's offer with no context
	 * takeover either way: compressors and decompressors are pooled.
	 */
	NO_CONTEXT("deflate, no context takeover", ServerKind.WSBOOT, List.of(), List.of(), ChatLoad.BROWSER_OFFER,
			new PerMessageDeflateParameters(true, true, 0, 0)),

	/**
	 * wsboot told to keep the context both ways: every session holds its own compressor
	 * and decompressor.
	 */
	CONTEXT("deflate, context takeover", ServerKind.WSBOOT, List.of(),
			List.of("-Dws.server.compression.server-no-context-takeover=false",
					"-Dws.server.compression.client-no-context-takeover=false"),
			ChatLoad.BROWSER_OFFER, new PerMessageDeflateParameters(false, false, 0, 0)),

	/**
	 * Netty with its {@code WebSocketServerCompressionHandler} at its defaults, which
	 * keep the context both ways and compress every message.
	 */
	NETTY("Netty, deflate", ServerKind.NETTY, List.of("deflate"), List.of(), ChatLoad.BROWSER_OFFER,
			new PerMessageDeflateParameters(false, false, 0, 0));

	private final String label;

	private final ServerKind server;

	private final List<String> arguments;

	private final List<String> jvmOptions;

	private final PerMessageDeflateConfig offer;

	private final PerMessageDeflateParameters expectedTerms;

	CompressionSetup(String label, ServerKind server, List<String> arguments, List<String> jvmOptions,
			PerMessageDeflateConfig offer, PerMessageDeflateParameters expectedTerms) {
		this.label = label;
		this.server = server;
		this.arguments = arguments;
		this.jvmOptions = jvmOptions;
		this.offer = offer;
		this.expectedTerms = expectedTerms;
	}

	String label() {
		return this.label;
	}

	ServerKind server() {
		return this.server;
	}

	/** The server's arguments after the port. */
	List<String> arguments() {
		return this.arguments;
	}

	/**
	 * JVM options the server gets on top of the run's: Spring Boot reads system
	 * properties.
	 */
	List<String> jvmOptions() {
		return this.jvmOptions;
	}

	/** What the load tool offers, or {@code null} for nothing. */
	PerMessageDeflateConfig offer() {
		return this.offer;
	}

	/** The terms the server must agree to, or {@code null} for none. */
	PerMessageDeflateParameters expectedTerms() {
		return this.expectedTerms;
	}

	/**
	 * Finds a setup by name, ignoring case.
	 * @param name {@code plain}, {@code no-context}, {@code context} or {@code netty}
	 * @return the setup
	 */
	static CompressionSetup parse(String name) {
		return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
	}

}
