package dev.wsboot.benchmarks.jmh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import dev.wsboot.protocol.handshake.HandshakeRequest;
import dev.wsboot.protocol.handshake.HandshakeRequestParser;
import dev.wsboot.protocol.handshake.HandshakeResponses;
import dev.wsboot.protocol.handshake.ServerHandshake;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The server's share of an opening handshake from Chromium: parsing the request head
 * ({@code parse}), and parsing, validating, computing the accept key and writing the 101
 * response ({@code parseValidateRespond}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class HandshakeBenchmark {

	/** What Chromium sends, header for header, for {@code new WebSocket(...)}. */
	static final byte[] CHROMIUM_REQUEST = ("GET /chat?room=lobby HTTP/1.1\r\n" + "Host: localhost:8001\r\n"
			+ "Connection: Upgrade\r\n" + "Pragma: no-cache\r\n" + "Cache-Control: no-cache\r\n"
			+ "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
			+ "Chrome/138.0.0.0 Safari/537.36\r\n" + "Upgrade: websocket\r\n" + "Origin: http://localhost:8080\r\n"
			+ "Sec-WebSocket-Version: 13\r\n" + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
			+ "Accept-Language: en-US,en;q=0.9\r\n" + "Cookie: SESSION=6f1c2b7e-3a9d-4c1e-9b2f-8d7a6e5c4b3a\r\n"
			+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
			+ "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n" + "\r\n")
		.getBytes(StandardCharsets.US_ASCII);

	@Benchmark
	public HandshakeRequest parse() {
		return new HandshakeRequestParser(8192).parse(ByteBuffer.wrap(CHROMIUM_REQUEST));
	}

	@Benchmark
	public byte[] parseValidateRespond() {
		HandshakeRequest request = new HandshakeRequestParser(8192).parse(ByteBuffer.wrap(CHROMIUM_REQUEST));
		ServerHandshake.validate(request);
		String accept = ServerHandshake.acceptKey(request.headers().first("Sec-WebSocket-Key"));
		return HandshakeResponses.accept(accept, null, null);
	}

}
