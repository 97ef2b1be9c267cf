package dev.wsboot.demo.conformance;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The conformance suite against a plain {@link dev.wsboot.server.WsServer} echo server,
 * handlers on a worker pool.
 */
class AutobahnConformanceTests extends ConformanceSuite {

	private static EchoServerUnderTest server;

	@BeforeAll
	static void startServer() throws IOException {
		server = EchoServerUnderTest.onWorkerPool();
		ConformanceReport.serverUnderTest(server.description());
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Override
	protected int port() {
		return server.port();
	}

}
