package dev.wsboot.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import org.jspecify.annotations.Nullable;

/**
 * Accepts connections on the first event loop and deals them out to every loop, round
 * robin. Accepting on a loop rather than on a thread of its own, blocked in
 * {@code accept()}, spares a thread wake-up per connection (and with one loop the
 * hand-off too); each time the socket is ready it takes every connection waiting, up to a
 * bound that keeps the loop's own connections served during a flood. Event loop only.
 */
final class Acceptor {

	private static final System.Logger logger = System.getLogger(WsServer.class.getName());

	/** As Netty's server channels read at most 16 connections per wake-up. */
	private static final int MAX_ACCEPTS_PER_READY = 16;

	private final WsServer server;

	private final ServerSocketChannel channel;

	private final EventLoop[] loops;

	private final int maxConnections;

	/** Far over the limit, not even a 503 is worth the memory. */
	private final int hardLimit;

	private @Nullable SelectionKey key;

	private int next;

	private boolean paused;

	Acceptor(WsServer server, ServerSocketChannel channel, EventLoop[] loops) {
		this.server = server;
		this.channel = channel;
		this.loops = loops;
		this.maxConnections = server.config().maxConnections();
		this.hardLimit = (this.maxConnections > Integer.MAX_VALUE / 2) ? Integer.MAX_VALUE : this.maxConnections * 2;
	}

	void register(Selector selector) throws IOException {
		this.channel.configureBlocking(false);
		this.key = this.channel.register(selector, SelectionKey.OP_ACCEPT, this);
	}

	/**
	 * Takes the key of a new registration: the loop moved to another selector.
	 * @param key the key with the new selector
	 */
	void registered(SelectionKey key) {
		this.key = key;
	}

	/** Takes the connections waiting to be accepted. */
	void acceptReady() {
		for (int i = 0; i < MAX_ACCEPTS_PER_READY; i++) {
			SocketChannel socket;
			try {
				socket = this.channel.accept();
			}
			catch (ClosedChannelException ex) {
				return;
			}
			catch (IOException ex) {
				// Typically out of file descriptors: stop accepting until the loop's next
				// tick rather than spin on a socket that stays ready.
				logger.log(System.Logger.Level.WARNING, "Accept failed, pausing: " + ex.getMessage());
				pause();
				return;
			}
			if (socket == null) {
				return;
			}
			handOff(socket);
		}
	}

	/** Accepts again after a failure paused it; called on every tick of the loop. */
	void resume() {
		SelectionKey key = this.key;
		if (this.paused && key != null && key.isValid()) {
			this.paused = false;
			key.interestOps(SelectionKey.OP_ACCEPT);
		}
	}

	/** Stops accepting; the port is released once the loop deregisters the socket. */
	void close() {
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// Closing is best effort here.
		}
	}

	private void pause() {
		SelectionKey key = this.key;
		if (key != null && key.isValid()) {
			this.paused = true;
			key.interestOps(0);
		}
	}

	private void handOff(SocketChannel socket) {
		int count = this.server.connectionAccepted();
		if (count > this.hardLimit) {
			this.server.metrics().handshakeRejected("limit");
			closeRejected(socket);
			return;
		}
		try {
			socket.configureBlocking(false);
			socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
			InetSocketAddress remote = (InetSocketAddress) socket.getRemoteAddress();
			EventLoop loop = this.loops[this.next];
			this.next = (this.next + 1 == this.loops.length) ? 0 : this.next + 1;
			loop.register(socket, this.server.nextConnectionId(), remote, count > this.maxConnections);
		}
		catch (IOException ex) {
			closeRejected(socket);
		}
	}

	private void closeRejected(SocketChannel socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Never registered: nothing else holds it.
		}
		this.server.connectionClosed(false);
	}

}
