package dev.wsboot.autoconfigure;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsEndpoint;
import dev.wsboot.endpoint.InvalidEndpointSignatureException;
import dev.wsboot.endpoint.WsEndpointRegistry;
import dev.wsboot.server.HandshakeDecision;
import dev.wsboot.server.OverflowPolicy;
import dev.wsboot.server.WsServer;
import dev.wsboot.server.WsServerConfig;
import dev.wsboot.server.WsSessions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.VirtualThreadTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class WsServerAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsServerAutoConfiguration.class))
		.withPropertyValues("ws.server.port=0", "ws.server.address=127.0.0.1");

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class)
			.withPropertyValues("ws.server.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(WsServer.class)
				.doesNotHaveBean(WsEndpointRegistry.class)
				.doesNotHaveBean(WsServerLifecycle.class)
				.doesNotHaveBean(WsServerProperties.class));
	}

	@Test
	void createsNoServerWithoutEndpoints() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(WsEndpointRegistry.class)
			.hasSingleBean(WsSessions.class)
			.doesNotHaveBean(WsServer.class)
			.doesNotHaveBean(WsServerConfig.class)
			.doesNotHaveBean(WsHandlerExecutor.class)
			.doesNotHaveBean(WsServerLifecycle.class));
	}

	@Test
	void createsAndStartsServerWhenAnEndpointExists() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(WsServer.class)
				.hasSingleBean(WsServerConfig.class)
				.hasSingleBean(WsServerLifecycle.class);
			assertThat(context.getBean(WsServerLifecycle.class).isRunning()).isTrue();
			assertThat(context.getBean(WsServer.class).isRunning()).isTrue();
			assertThat(context.getBean(WsSessions.class).endpoints()).containsExactly("/echo");
		});
	}

	@Test
	void registersEndpointsUnderLazyInitialization() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class)
			.withInitializer(
					(context) -> context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
			.run((context) -> {
				assertThat(context.getBean(WsServer.class).isRunning()).isTrue();
				assertThat(context.getBean(WsEndpointRegistry.class).endpoints()).containsExactly("/echo");
			});
	}

	@Test
	void findsEndpointDeclaredAsBeanMethod() {
		this.contextRunner.withUserConfiguration(EndpointBeanMethodConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(WsServer.class));
	}

	@Test
	void endpointBeanIsNotNamedAfterItsPath() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class)
			.run((context) -> assertThat(context.getBeanNamesForType(EchoEndpoint.class)).singleElement()
				.asString()
				.doesNotContain("/"));
	}

	@Test
	void stopsServerWhenContextCloses() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class).run((context) -> {
			WsServer server = context.getBean(WsServer.class);
			context.close();
			assertThat(server.isRunning()).isFalse();
		});
	}

	@Test
	void backsOffWhenUserDefinesWsServer() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class)
			.withBean("myServer", WsServer.class,
					() -> new WsServer(WsServerConfig.builder().port(0).build(),
							(request, remote) -> new HandshakeDecision.Reject(404, "none", "not_found")))
			.run((context) -> {
				assertThat(context.getBeanNamesForType(WsServer.class)).containsExactly("myServer");
				assertThat(context).hasSingleBean(WsServerLifecycle.class);
				assertThat(context.getBean(WsServer.class).isRunning()).isTrue();
			});
	}

	@Test
	void backsOffWhenUserDefinesWsServerConfig() {
		WsServerConfig config = WsServerConfig.builder().port(0).maxFrameSize(123).build();
		this.contextRunner.withUserConfiguration(EchoEndpoint.class)
			.withBean("myConfig", WsServerConfig.class, () -> config)
			.run((context) -> assertThat(context.getBean(WsServerConfig.class)).isSameAs(config));
	}

	@Test
	void mapsPropertiesIntoServerConfig() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class)
			.withPropertyValues("ws.server.event-loops=3", "ws.server.max-frame-size=16MB",
					"ws.server.max-message-size=32MB", "ws.server.auto-fragment-size=8KB",
					"ws.server.max-handshake-size=4KB", "ws.server.handshake-timeout=3s", "ws.server.idle-timeout=2m",
					"ws.server.ping-interval=15s", "ws.server.close-timeout=1s", "ws.server.max-connections=42",
					"ws.server.outbound-buffer-limit=1MB", "ws.server.overflow-policy=fail-send",
					"ws.server.busy-poll=100us")
			.run((context) -> {
				WsServerConfig config = context.getBean(WsServerConfig.class);
				assertThat(config.port()).isZero();
				assertThat(config.address()).isEqualTo(InetAddress.getByName("127.0.0.1"));
				assertThat(config.eventLoops()).isEqualTo(3);
				assertThat(config.maxFrameSize()).isEqualTo(16 * 1024 * 1024);
				assertThat(config.maxMessageSize()).isEqualTo(32 * 1024 * 1024);
				assertThat(config.autoFragmentSize()).isEqualTo(8 * 1024);
				assertThat(config.maxHandshakeSize()).isEqualTo(4 * 1024);
				assertThat(config.handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(config.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
				assertThat(config.pingInterval()).isEqualTo(Duration.ofSeconds(15));
				assertThat(config.closeTimeout()).isEqualTo(Duration.ofSeconds(1));
				assertThat(config.maxConnections()).isEqualTo(42);
				assertThat(config.outboundBufferLimit()).isEqualTo(1024 * 1024);
				assertThat(config.overflowPolicy()).isEqualTo(OverflowPolicy.FAIL_SEND);
				assertThat(config.busyPoll()).isEqualTo(Duration.ofNanos(100_000));
			});
	}

	@Test
	void defaultPropertiesMatchServerConfigDefaults() {
		WsServerConfig defaults = WsServerConfig.builder().build();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WsServerAutoConfiguration.class))
			.withUserConfiguration(EchoEndpoint.class)
			.withBean(WsServer.class,
					() -> new WsServer(WsServerConfig.builder().port(0).build(),
							(request, remote) -> new HandshakeDecision.Reject(404, "none", "not_found")))
			.run((context) -> {
				WsServerConfig config = context.getBean(WsServerConfig.class);
				assertThat(config).usingRecursiveComparison()
					.ignoringFields("handlerExecutor", "adaptiveDispatch")
					.isEqualTo(defaults);
				assertThat(config.adaptiveDispatch()).as("adaptive dispatch, the starter's default").isTrue();
				assertThat(context.getBean(WsServerProperties.class).getShutdownTimeout())
					.isEqualTo(Duration.ofSeconds(30));
			});
	}

	@Test
	void appliesCustomizersAfterProperties() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class)
			.withPropertyValues("ws.server.max-connections=42")
			.withBean(WsServerConfigCustomizer.class, () -> (builder) -> builder.maxConnections(7))
			.run((context) -> assertThat(context.getBean(WsServerConfig.class).maxConnections()).isEqualTo(7));
	}

	@Test
	void failsWithClearMessageForNegativeSize() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class)
			.withPropertyValues("ws.server.max-frame-size=-1")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(IllegalArgumentException.class)
					.hasRootCauseMessage("ws.server.max-frame-size must be between 1B and 2147483647B, but was -1B");
				assertThat(context.getStartupFailure()).hasStackTraceContaining(
						BindException.class.getName() + ": Failed to bind properties under 'ws.server'");
			});
	}

	@Test
	void failsWithClearMessageForSizeOverTwoGigabytes() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class)
			.withPropertyValues("ws.server.max-message-size=3GB")
			.run((context) -> assertThat(context.getStartupFailure()).hasRootCauseMessage(
					"ws.server.max-message-size must be between 1B and 2147483647B, but was 3221225472B"));
	}

	@Test
	void failsWithClearMessageForNegativeTimeout() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class)
			.withPropertyValues("ws.server.idle-timeout=-5s")
			.run((context) -> assertThat(context.getStartupFailure())
				.hasRootCauseMessage("ws.server.idle-timeout must not be negative, but was PT-5S"));
	}

	@Test
	void failsWithClearMessageForBusyPollOverOneMillisecond() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class)
			.withPropertyValues("ws.server.busy-poll=2ms")
			.run((context) -> assertThat(context.getStartupFailure())
				.hasRootCauseMessage("ws.server.busy-poll must be between 0 and 1ms, but was PT0.002S"));
	}

	@Test
	void runsHandlersOnBoundedPlatformThreadPoolByDefault() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class)
			.withPropertyValues("ws.server.worker-threads=5")
			.run((context) -> {
				Executor executor = context.getBean(WsHandlerExecutor.class).executor();
				assertThat(executor).isInstanceOf(ThreadPoolExecutor.class);
				ThreadPoolExecutor pool = (ThreadPoolExecutor) executor;
				assertThat(pool.getMaximumPoolSize()).isEqualTo(5);
				assertThat(pool.getThreadFactory().newThread(() -> {
				})).satisfies((thread) -> {
					assertThat(thread.getName()).startsWith("ws-worker-");
					assertThat(thread.isDaemon()).isTrue();
				});
				assertThat(context.getBean(WsServerConfig.class).handlerExecutor()).isSameAs(executor);
			});
	}

	@Test
	void shutsWorkerPoolDownWithContext() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class).run((context) -> {
			ThreadPoolExecutor pool = (ThreadPoolExecutor) context.getBean(WsHandlerExecutor.class).executor();
			context.close();
			assertThat(pool.isShutdown()).isTrue();
		});
	}

	@Test
	void runsHandlersOnVirtualThreadsWhenEnabled() {
		assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21");
		this.contextRunner.withUserConfiguration(EchoEndpoint.class)
			.withPropertyValues("spring.threads.virtual.enabled=true")
			.run((context) -> {
				Executor executor = context.getBean(WsHandlerExecutor.class).executor();
				assertThat(executor).isInstanceOf(VirtualThreadTaskExecutor.class);
				assertThat(context.getBean(WsServerConfig.class).handlerExecutor()).isSameAs(executor);
			});
	}

	@Test
	void usesPlatformThreadsWhenVirtualThreadsAreEnabledBeforeJava21() {
		assumeTrue(Runtime.version().feature() < 21, "virtual threads are available");
		this.contextRunner.withUserConfiguration(EchoEndpoint.class)
			.withPropertyValues("spring.threads.virtual.enabled=true")
			.run((context) -> assertThat(context.getBean(WsHandlerExecutor.class).executor())
				.isInstanceOf(ThreadPoolExecutor.class));
	}

	@Test
	void runsHandlersOnWorkersFromTheStartWhenAsked() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class)
			.withPropertyValues("ws.server.dispatch=workers")
			.run((context) -> {
				WsServerConfig config = context.getBean(WsServerConfig.class);
				assertThat(config.handlerExecutor()).isInstanceOf(ThreadPoolExecutor.class);
				assertThat(config.adaptiveDispatch()).isFalse();
			});
	}

	@Test
	void runsHandlersOnEventLoopWhenAsked() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class)
			.withPropertyValues("ws.server.dispatch=event-loop", "spring.threads.virtual.enabled=true")
			.run((context) -> {
				assertThat(context.getBean(WsHandlerExecutor.class).executor()).isNull();
				assertThat(context.getBean(WsServerConfig.class).handlerExecutor()).isNull();
			});
	}

	@Test
	void failsStartupForMisdeclaredEndpoint() {
		this.contextRunner.withUserConfiguration(BrokenEndpoint.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(InvalidEndpointSignatureException.class)
				.hasMessageContaining(BrokenEndpoint.class.getName() + ".open(String)")
				.hasMessageContaining("An @OnOpen method takes");
		});
	}

	@WsEndpoint("/echo")
	static class EchoEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

	@WsEndpoint("/broken")
	static class BrokenEndpoint {

		@dev.wsboot.annotation.OnOpen
		void open(String text) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EndpointBeanMethodConfiguration {

		@Bean
		EchoEndpoint echo() {
			return new EchoEndpoint();
		}

	}

}
