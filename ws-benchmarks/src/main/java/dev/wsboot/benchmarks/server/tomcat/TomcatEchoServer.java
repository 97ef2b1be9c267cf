package dev.wsboot.benchmarks.server.tomcat;

import java.util.Map;

import dev.wsboot.benchmarks.server.ServerControl;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The Spring Boot 4.1 peer: {@code spring-boot-starter-websocket} on Tomcat, a Spring
 * {@link AbstractWebSocketHandler} (text and binary) on {@code /echo} that sends each
 * message back.
 * <p>
 * Tomcat allocates each session's message buffers up front, at their maximum size, so the
 * 16 MiB the other servers accept would cost 48 MiB per idle connection. Binary messages
 * are allowed up to 64 KiB, the most scenario (c) sends; text keeps Tomcat's 8 KiB
 * default.
 * <p>
 * Arguments: the port (0 for a free one).
 */
@SpringBootApplication(proxyBeanMethods = false)
@EnableWebSocket
public class TomcatEchoServer implements WebSocketConfigurer {

	static final int MAX_BINARY = 64 * 1024;

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(new EchoHandler(), "/echo").setAllowedOrigins("*");
	}

	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxBinaryMessageBufferSize(MAX_BINARY);
		return container;
	}

	public static void main(String[] args) {
		String port = (args.length > 0) ? args[0] : "0";
		SpringApplication application = new SpringApplication(TomcatEchoServer.class);
		application.setWebApplicationType(WebApplicationType.SERVLET);
		application.setDefaultProperties(Map.of("server.port", port, "server.address", "127.0.0.1",
				// Tomcat's default of 8192 connections would stall scenario (d).
				"server.tomcat.max-connections", "20000", "server.tomcat.accept-count", "1024",
				"spring.main.banner-mode", "off", "logging.level.root", "warn", "ws.server.enabled", "false"));
		ConfigurableApplicationContext context = application.run();
		int boundPort = ((WebServerApplicationContext) context).getWebServer().getPort();
		ServerControl.ready(boundPort, context::close);
	}

	static final class EchoHandler extends AbstractWebSocketHandler {

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
			session.sendMessage(message);
		}

		@Override
		protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws Exception {
			session.sendMessage(message);
		}

	}

}
