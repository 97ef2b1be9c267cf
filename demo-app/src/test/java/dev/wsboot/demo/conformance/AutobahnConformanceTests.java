package dev.wsboot.demo.conformance;

import dev.wsboot.annotation.LocalWsServerPort;
import dev.wsboot.demo.DemoApplication;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The conformance suite against the demo application's {@code /echo} endpoint, started as
 * the application runs (declared non-blocking, so on the event loops; 16 MiB frames and
 * messages from {@code application.yaml}) on a free port.
 * <p>
 * Run it alone with
 * {@code ./mvnw -pl demo-app -am verify -Dtest=AutobahnConformanceTests -Dsurefire.failIfNoSpecifiedTests=false};
 * the report goes to the build output and to
 * {@code demo-app/target/conformance-report.md}.
 */
@SpringBootTest(classes = DemoApplication.class, properties = "ws.server.port=0")
class AutobahnConformanceTests extends ConformanceSuite {

	@LocalWsServerPort
	private int port;

	@BeforeEach
	void nameServerUnderTest() {
		ConformanceReport.serverUnderTest("the demo application's /echo endpoint (Spring Boot, default "
				+ "configuration from application.yaml), port " + this.port);
	}

	@Override
	protected int port() {
		return this.port;
	}

}
