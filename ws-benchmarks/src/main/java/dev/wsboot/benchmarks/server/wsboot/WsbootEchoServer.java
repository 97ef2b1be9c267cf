package dev.wsboot.benchmarks.server.wsboot;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.wsboot.benchmarks.server.ServerControl;
import dev.wsboot.server.WsServer;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The wsboot peer: a minimal Spring Boot application using the starter, with the
 * {@link EchoEndpoint} on {@code /echo}. Frames and messages up to 16 MiB (as the Netty
 * peer), no idle timeout (neither peer has one), no HTTP server (Tomcat is on this
 * module's class path for its own peer). Handlers run where {@code ws.server.dispatch}
 * says: the starter's default ({@code adaptive}) unless an argument sets it, or on the
 * event loops with {@code --echo.non-blocking=true}, which serves the
 * {@link NonBlockingEchoEndpoint} instead. Micrometer is on: Spring Boot's simple
 * registry records the starter's {@code ws.server.*} meters.
 * <p>
 * Arguments: the port (0 for a free one), then Spring Boot command-line properties that
 * override the defaults above, for example {@code --ws.server.dispatch=event-loop}.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class WsbootEchoServer {

	public static void main(String[] args) {
		String port = (args.length > 0) ? args[0] : "0";
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("ws.server.port", port);
		properties.put("ws.server.address", "127.0.0.1");
		properties.put("ws.server.max-frame-size", "16MB");
		properties.put("ws.server.max-message-size", "16MB");
		properties.put("ws.server.auto-fragment-size", "16MB");
		properties.put("ws.server.idle-timeout", "0");
		properties.put("ws.server.max-connections", "20000");
		properties.put("spring.main.banner-mode", "off");
		properties.put("logging.level.root", "warn");
		SpringApplication application = new SpringApplication(WsbootEchoServer.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(properties);
		ConfigurableApplicationContext context = application
			.run(Arrays.copyOfRange(args, Math.min(1, args.length), args.length));
		MeterRegistry registry = context.getBeanProvider(MeterRegistry.class).getIfAvailable();
		System.out.println("METRICS " + ((registry != null) ? registry.getClass().getSimpleName() + " with "
				+ registry.find("ws.server.messages.received").meters().size() + " ws.server.messages.received meters"
				: "none"));
		ServerControl.ready(context.getBean(WsServer.class).port(), context::close);
	}

}
