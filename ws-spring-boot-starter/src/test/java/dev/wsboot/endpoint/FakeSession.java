package dev.wsboot.endpoint;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.wsboot.protocol.close.CloseStatus;
import dev.wsboot.protocol.handshake.HttpHeaders;
import dev.wsboot.server.PreparedMessage;
import dev.wsboot.server.WsSession;
import org.jspecify.annotations.Nullable;

/**
 * A {@link WsSession} that records what is sent to it.
 */
class FakeSession implements WsSession {

	private final String id;

	private final Map<String, String> pathParams;

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	final List<Object> sent = new CopyOnWriteArrayList<>();

	volatile @Nullable CloseStatus closedWith;

	FakeSession(String id) {
		this(id, Map.of());
	}

	FakeSession(String id, Map<String, String> pathParams) {
		this.id = id;
		this.pathParams = pathParams;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public String path() {
		return "/test";
	}

	@Override
	public @Nullable String query() {
		return null;
	}

	@Override
	public Map<String, String> pathParams() {
		return this.pathParams;
	}

	@Override
	public Map<String, Object> attributes() {
		return this.attributes;
	}

	@Override
	public @Nullable String subprotocol() {
		return null;
	}

	@Override
	public InetSocketAddress remoteAddress() {
		return InetSocketAddress.createUnresolved("client", 1234);
	}

	@Override
	public HttpHeaders handshakeHeaders() {
		throw new UnsupportedOperationException();
	}

	@Override
	public @Nullable Principal principal() {
		return null;
	}

	@Override
	public CompletableFuture<Void> sendText(CharSequence text) {
		this.sent.add(text.toString());
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public CompletableFuture<Void> sendBinary(ByteBuffer data) {
		byte[] bytes = new byte[data.remaining()];
		data.duplicate().get(bytes);
		this.sent.add(bytes);
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public CompletableFuture<Void> send(PreparedMessage message) {
		this.sent.add(message);
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public CompletableFuture<Void> ping(ByteBuffer payload) {
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public CompletableFuture<Void> close(CloseStatus status) {
		if (this.closedWith == null) {
			this.closedWith = status;
		}
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public boolean isOpen() {
		return this.closedWith == null;
	}

	@Override
	public String toString() {
		return "FakeSession[" + this.id + "]";
	}

}
