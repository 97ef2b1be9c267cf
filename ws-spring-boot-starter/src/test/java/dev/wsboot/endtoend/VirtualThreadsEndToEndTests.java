package dev.wsboot.endtoend;

import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-to-end tests with endpoint methods running on virtual threads.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
@SpringBootTest(classes = EndToEndApplication.class,
		properties = { "ws.server.port=0", "ws.server.address=127.0.0.1", "ws.server.max-frame-size=16MB",
				"ws.server.max-message-size=16MB", "ws.server.outbound-buffer-limit=64MB",
				"spring.threads.virtual.enabled=true", "ws.server.dispatch=workers" })
class VirtualThreadsEndToEndTests extends EndToEndTests {

	@Override
	protected boolean handlersRunOnWorkers() {
		return true;
	}

	@Override
	protected void assertHandlerThread(String thread) {
		assertThat(thread).matches("VirtualThread ws-worker-\\d+");
	}

}
