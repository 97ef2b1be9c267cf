package dev.wsboot.benchmarks.server;

import java.net.InetSocketAddress;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;

/**
 * The raw Netty 4.2 peer: NIO transport with Netty's default thread counts,
 * {@link WebSocketServerProtocolHandler} on {@code /echo}, messages aggregated up to 16
 * MiB (as wsboot does), and a handler that writes each text or binary message back.
 * <p>
 * Arguments: the port (0 for a free one), optionally {@code deflate} to negotiate
 * permessage-deflate with Netty's {@link WebSocketServerCompressionHandler} at its
 * defaults (level 6, context takeover unless the client asks otherwise).
 */
public final class NettyEchoServer {

	static final int MAX_SIZE = 16 * 1024 * 1024;

	private NettyEchoServer() {
	}

	public static void main(String[] args) throws InterruptedException {
		int port = (args.length > 0) ? Integer.parseInt(args[0]) : 0;
		boolean deflate = args.length > 1 && "deflate".equals(args[1]);
		EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
		WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
			.websocketPath("/echo")
			.checkStartsWith(false)
			.decoderConfig(WebSocketDecoderConfig.newBuilder()
				.maxFramePayloadLength(MAX_SIZE)
				.allowExtensions(deflate)
				.build())
			.build();
		EchoHandler echo = new EchoHandler();
		ServerBootstrap bootstrap = new ServerBootstrap().group(boss, workers)
			.channel(NioServerSocketChannel.class)
			.option(ChannelOption.SO_BACKLOG, 1024)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childHandler(new ChannelInitializer<SocketChannel>() {

				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536));
					if (deflate) {
						channel.pipeline().addLast(new WebSocketServerCompressionHandler(MAX_SIZE));
					}
					channel.pipeline()
						.addLast(new WebSocketServerProtocolHandler(config), new WebSocketFrameAggregator(MAX_SIZE),
								echo);
				}

			});
		Channel server = bootstrap.bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
		ServerControl.ready(((InetSocketAddress) server.localAddress()).getPort(), () -> {
			server.close().syncUninterruptibly();
			boss.shutdownGracefully();
			workers.shutdownGracefully();
		});
		server.closeFuture().sync();
	}

	@ChannelHandler.Sharable
	static final class EchoHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

		EchoHandler() {
			super(false);
		}

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
			if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
				// The aggregated frame goes straight back: its buffer is released by the
				// write.
				ctx.writeAndFlush(frame);
			}
			else {
				frame.release();
			}
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close();
		}

	}

}
