package dev.wsboot.demo.echo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.wsboot.annotation.LocalWsServerPort;
import dev.wsboot.demo.DemoApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's echo endpoint, driven by the JDK's WebSocket client.
 */
@SpringBootTest(classes = DemoApplication.class, properties = { "ws.server.port=0", "ws.server.address=127.0.0.1" })
class EchoEndpointTests {

	@LocalWsServerPort
	private int port;

	@Test
	void echoesTextAndBinary() throws Exception {
		BlockingQueue<Object> received = new LinkedBlockingQueue<>();
		WebSocket socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + this.port + "/echo"), new WebSocket.Listener() {

				private final StringBuilder text = new StringBuilder();

				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					this.text.append(data);
					if (last) {
						received.add(this.text.toString());
						this.text.setLength(0);
					}
					webSocket.request(1);
					return null;
				}

				@Override
				public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
					byte[] bytes = new byte[data.remaining()];
					data.get(bytes);
					received.add(bytes);
					webSocket.request(1);
					return null;
				}

			})
			.get(10, TimeUnit.SECONDS);
		try {
			socket.sendText("hello, echo", true).get(10, TimeUnit.SECONDS);
			assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("hello, echo");
			socket.sendBinary(ByteBuffer.wrap(new byte[] { 1, 2, 3 }), true).get(10, TimeUnit.SECONDS);
			assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(new byte[] { 1, 2, 3 });
		}
		finally {
			socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
		}
	}

}
