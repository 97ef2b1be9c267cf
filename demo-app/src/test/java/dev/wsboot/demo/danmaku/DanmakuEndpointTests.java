package dev.wsboot.demo.danmaku;

import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import dev.wsboot.annotation.LocalWsServerPort;
import dev.wsboot.demo.DemoApplication;
import dev.wsboot.demo.TestClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The danmaku endpoint, driven by the JDK's WebSocket client.
 */
@SpringBootTest(classes = DemoApplication.class,
		properties = { "ws.server.port=0", "ws.server.address=127.0.0.1", "demo.quotes.tick-interval=50ms" })
class DanmakuEndpointTests {

	@LocalWsServerPort
	private int port;

	@Test
	void commentsReachEveryViewer() throws Exception {
		try (TestClient ann = TestClient.connect(this.port, "/danmaku");
				TestClient bob = TestClient.connect(this.port, "/danmaku")) {
			// Both counted: Ann hears of Bob arriving.
			ann.nextMatching((message) -> "viewers".equals(message.read("$.type"))
					&& message.read("$.count", Integer.class) == 2);
			bob.send("{\"text\": \"  first! 🚀 \", \"color\": \"#ffd166\"}");
			for (TestClient viewer : List.of(ann, bob)) {
				DocumentContext comment = viewer.nextOfType("danmaku");
				assertThat(comment.read("$.text", String.class)).isEqualTo("first! 🚀");
				assertThat(comment.read("$.color", String.class)).isEqualTo("#ffd166");
				assertThat(comment.read("$.at", String.class)).isNotBlank();
			}
			// A colour outside the palette (here, an attempt at CSS) is white.
			ann.send("{\"text\": \"hi\", \"color\": \"red; background: url(x)\"}");
			assertThat(bob.nextOfType("danmaku").read("$.color", String.class)).isEqualTo("#ffffff");
		}
	}

	@Test
	void commentsAreAtMostAHundredCharacters() throws Exception {
		try (TestClient ann = TestClient.connect(this.port, "/danmaku")) {
			String longest = "弹".repeat(DanmakuEndpoint.MAX_TEXT_LENGTH - 1) + "🎉";
			ann.send("{\"text\": \"" + longest + "x\"}");
			assertThat(ann.nextOfType("error").read("$.reason", String.class)).contains("at most 100");
			ann.send("{\"text\": \"" + longest + "\"}");
			assertThat(ann.nextOfType("danmaku").read("$.text", String.class)).isEqualTo(longest);
			ann.send("[1, 2]");
			assertThat(ann.nextOfType("error").read("$.reason", String.class)).contains("expected JSON");
		}
	}

	@Test
	void aViewerCannotFloodTheScreen() throws Exception {
		try (TestClient ann = TestClient.connect(this.port, "/danmaku")) {
			for (int i = 0; i < 20; i++) {
				ann.send("{\"text\": \"spam " + i + "\"}");
			}
			DocumentContext refused = ann.nextOfType("error");
			assertThat(refused.read("$.reason", String.class)).contains("slow down");
		}
	}

}
