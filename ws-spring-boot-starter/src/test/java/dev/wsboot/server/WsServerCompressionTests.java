package dev.wsboot.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

import dev.wsboot.protocol.Role;
import dev.wsboot.protocol.close.CloseStatus;
import dev.wsboot.protocol.extension.ExtensionOffer;
import dev.wsboot.protocol.extension.PerMessageDeflate;
import dev.wsboot.protocol.extension.PerMessageDeflateConfig;
import dev.wsboot.protocol.extension.PerMessageDeflateNegotiation;
import dev.wsboot.protocol.frame.FrameEncoder;
import dev.wsboot.protocol.frame.FrameListener;
import dev.wsboot.protocol.frame.FrameParser;
import dev.wsboot.protocol.frame.Opcode;
import dev.wsboot.protocol.handshake.ClientHandshake;
import dev.wsboot.protocol.handshake.HandshakeResponse;
import dev.wsboot.protocol.handshake.HandshakeResponseParser;
import dev.wsboot.protocol.handshake.HttpHeaders;
import dev.wsboot.protocol.message.MessageAssembler;
import dev.wsboot.protocol.message.MessageListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * permessage-deflate on the wire: negotiated in the handshake, RSV1 set on compressed
 * frames both ways, and a decompression bomb cut off at the message size limit.
 */
class WsServerCompressionTests {

	private static final int MAX_MESSAGE = 64 * 1024;

	private WsServer server;

	@BeforeEach
	void start() throws IOException {
		WsServerConfig config = WsServerConfig.builder()
			.address(InetAddress.getLoopbackAddress())
			.port(0)
			.eventLoops(1)
			.maxMessageSize(MAX_MESSAGE)
			.build();
		this.server = new WsServer(config,
				(request, remote) -> new HandshakeDecision.Accept(new WsServerTlsTests.Echo(), "/echo"));
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(Duration.ofSeconds(5));
	}

	@Test
	void negotiatesDeflateAndEchoesCompressedMessagesWithRsv1() throws Exception {
		try (Socket socket = connect()) {
			HandshakeResponse response = handshake(socket, "permessage-deflate; client_max_window_bits");
			String agreed = response.headers().first("Sec-WebSocket-Extensions");
			assertThat(agreed).startsWith("permessage-deflate");
			PerMessageDeflate client = PerMessageDeflate.create(Role.CLIENT,
					PerMessageDeflateNegotiation.accept(ExtensionOffer.parse(agreed), PerMessageDeflateConfig.DEFAULTS),
					PerMessageDeflateConfig.DEFAULTS, null);
			String json = "{\"from\":\"ann\",\"text\":\"" + "hello wsboot ".repeat(100) + "\"}";
			ByteBuffer compressed = client.encode(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
			assertThat(compressed).isNotNull();
			socket.getOutputStream().write(frame(0x40, Opcode.TEXT, compressed));
			Received received = read(socket, client);
			assertThat(received.firstRsv).isEqualTo(0x40);
			assertThat(received.text).isEqualTo(json);
			assertThat(received.wireBytes).isLessThan(json.length() / 4);
		}
	}

	@Test
	void leavesUncompressedAClientThatOffersNothing() throws Exception {
		try (Socket socket = connect()) {
			assertThat(handshake(socket, null).headers().contains("Sec-WebSocket-Extensions")).isFalse();
		}
	}

	@Test
	void cutsOffADecompressionBombWith1009() throws Exception {
		byte[] bomb = deflate(new byte[16 << 20]);
		assertThat(bomb.length).isLessThan(20 * 1024);
		try (Socket socket = connect()) {
			String agreed = handshake(socket, "permessage-deflate").headers().first("Sec-WebSocket-Extensions");
			assertThat(agreed).startsWith("permessage-deflate");
			long heapBefore = usedHeap();
			socket.getOutputStream().write(frame(0x40, Opcode.BINARY, ByteBuffer.wrap(bomb)));
			Received received = read(socket, null);
			assertThat(received.close.code()).isEqualTo(CloseStatus.MESSAGE_TOO_BIG.code());
			// The 16 MiB were never inflated: far less than that was allocated on the
			// way.
			assertThat(usedHeap() - heapBefore).isLessThan(8L << 20);
		}
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.server.port());
		socket.setSoTimeout(20_000);
		return socket;
	}

	private HandshakeResponse handshake(Socket socket, String extensions) throws IOException {
		String key = ClientHandshake.newKey(new java.security.SecureRandom());
		socket.getOutputStream()
			.write(ClientHandshake.request("127.0.0.1", "/echo", key, List.of(), extensions, HttpHeaders.empty()));
		HandshakeResponseParser parser = new HandshakeResponseParser(8192);
		InputStream in = socket.getInputStream();
		HandshakeResponse response = null;
		while (response == null) {
			int b = in.read();
			assertThat(b).isNotNegative();
			response = parser.parse(ByteBuffer.wrap(new byte[] { (byte) b }));
		}
		ClientHandshake.validate(response, key, List.of());
		return response;
	}

	private static byte[] frame(int rsv, int opcode, ByteBuffer payload) {
		ByteBuffer out = ByteBuffer
			.allocate(FrameEncoder.headerLength(payload.remaining(), true) + payload.remaining());
		new FrameEncoder(Role.CLIENT).encode(out, true, rsv, opcode, payload);
		return out.array();
	}

	private static Received read(Socket socket, PerMessageDeflate extension) throws IOException {
		Received received = new Received();
		MessageAssembler assembler = new MessageAssembler(Role.CLIENT, 1 << 20, 1 << 20,
				(extension != null) ? List.of(extension) : List.of(), received);
		FrameParser parser = new FrameParser(new FrameListener() {

			@Override
			public void onFrameHeader(boolean fin, int rsv, int opcode, boolean masked, long payloadLength) {
				if (received.firstRsv < 0) {
					received.firstRsv = rsv;
					received.wireBytes = payloadLength;
				}
				assembler.onFrameHeader(fin, rsv, opcode, masked, payloadLength);
			}

			@Override
			public void onFramePayload(ByteBuffer payload) {
				assembler.onFramePayload(payload);
			}

			@Override
			public void onFrameEnd() {
				assembler.onFrameEnd();
			}

		});
		byte[] chunk = new byte[8192];
		while (received.text == null && received.close == null) {
			int read = socket.getInputStream().read(chunk);
			assertThat(read).isPositive();
			parser.parse(ByteBuffer.wrap(chunk, 0, read));
		}
		return received;
	}

	private static byte[] deflate(byte[] data) {
		Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
		deflater.setInput(data);
		List<byte[]> parts = new ArrayList<>();
		byte[] buffer = new byte[65536];
		int total = 0;
		int n;
		while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
			parts.add(java.util.Arrays.copyOf(buffer, n));
			total += n;
		}
		deflater.end();
		ByteBuffer joined = ByteBuffer.allocate(total);
		parts.forEach(joined::put);
		// RFC 7692 section 7.2.1: the sender drops the final 00 00 FF FF of the sync
		// flush.
		return java.util.Arrays.copyOf(joined.array(), total - 4);
	}

	private static long usedHeap() {
		Runtime runtime = Runtime.getRuntime();
		return runtime.totalMemory() - runtime.freeMemory();
	}

	static final class Received implements MessageListener {

		int firstRsv = -1;

		long wireBytes;

		String text;

		CloseStatus close;

		@Override
		public void onText(ByteBuffer utf8) {
			this.text = StandardCharsets.UTF_8.decode(utf8).toString();
		}

		@Override
		public void onBinary(ByteBuffer data, boolean owned) {
		}

		@Override
		public void onPing(ByteBuffer payload) {
		}

		@Override
		public void onPong(ByteBuffer payload) {
		}

		@Override
		public void onClose(CloseStatus status) {
			this.close = status;
		}

	}

}
