package dev.wsboot.endpoint;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.PathParam;
import dev.wsboot.annotation.WsEndpoint;
import dev.wsboot.server.HandshakeDecision;
import dev.wsboot.server.WsHandler;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.format.support.FormattingConversionService;

import static org.assertj.core.api.Assertions.assertThat;

class WsEndpointScannerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withBean(WsEndpointRegistry.class)
		.withBean(WsEndpointScanner.class);

	@Test
	void registersEndpointBeans() {
		this.contextRunner.withUserConfiguration(Echo.class, Profiles.class)
			.run((context) -> assertThat(context.getBean(WsEndpointRegistry.class).endpoints())
				.containsExactlyInAnyOrder("/echo", "/profiles"));
	}

	@Test
	void callsEndpointThroughItsProxy() {
		this.contextRunner.withUserConfiguration(Echo.class, ProxyConfiguration.class).run((context) -> {
			assertThat(context.getBean(Echo.class).getClass()).isNotEqualTo(Echo.class);
			FakeSession session = new FakeSession("s");
			handler(context, "/echo").onText(session, "hi");
			assertThat(session.sent).containsExactly("hi");
			assertThat(context.getBean(ProxyConfiguration.class).calls).hasValue(1);
		});
	}

	@Test
	void decodesJsonWithTheApplicationsJsonMapper() {
		JsonMapper snakeCase = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
		this.contextRunner.withUserConfiguration(Profiles.class)
			.withBean(JsonMapper.class, () -> snakeCase)
			.run((context) -> {
				FakeSession session = new FakeSession("s");
				handler(context, "/profiles").onText(session, "{\"first_name\":\"Ada\"}");
				assertThat(context.getBean(Profiles.class).received).containsExactly(new Profile("Ada"));
				assertThat(session.sent).containsExactly("{\"first_name\":\"Ada\"}");
			});
	}

	@Test
	void decodesJsonWithDefaultMapperWhenThereIsNoMapperBean() {
		this.contextRunner.withUserConfiguration(Profiles.class).run((context) -> {
			FakeSession session = new FakeSession("s");
			handler(context, "/profiles").onText(session, "{\"firstName\":\"Ada\"}");
			assertThat(context.getBean(Profiles.class).received).containsExactly(new Profile("Ada"));
		});
	}

	@Test
	void worksWithoutJacksonForTextAndBinaryEndpoints() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("tools.jackson"))
			.withUserConfiguration(Echo.class)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void failsForJsonEndpointWithoutJackson() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("tools.jackson"))
			.withUserConfiguration(Profiles.class)
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidEndpointSignatureException.class)
				.hasMessageContaining(Profiles.class.getName() + ".update(Profile)")
				.hasMessageContaining("Jackson 3"));
	}

	@Test
	void convertsPathParamsWithTheBeanFactorysConversionService() {
		this.contextRunner.withUserConfiguration(Rooms.class).withInitializer((context) -> {
			FormattingConversionService conversionService = new FormattingConversionService();
			conversionService.addConverter(String.class, Room.class, (Converter<String, Room>) Room::new);
			((ConfigurableApplicationContext) context).getBeanFactory().setConversionService(conversionService);
		}).run((context) -> {
			FakeSession session = new FakeSession("s", java.util.Map.of("room", "kitchen"));
			handler(context, "/rooms/kitchen").onText(session, "hi");
			assertThat(session.sent).containsExactly("kitchen: hi");
		});
	}

	private static WsHandler handler(ConfigurableApplicationContext context, String path) {
		HandshakeDecision decision = context.getBean(WsEndpointRegistry.class)
			.route(Requests.get(path), InetSocketAddress.createUnresolved("client", 1));
		assertThat(decision).isInstanceOf(HandshakeDecision.Accept.class);
		return ((HandshakeDecision.Accept) decision).handler();
	}

	@WsEndpoint("/echo")
	static class Echo {

		@OnMessage
		public String echo(String text) {
			return text;
		}

		@OnMessage
		public byte[] echo(byte[] data) {
			return data;
		}

	}

	record Profile(String firstName) {
	}

	record Room(String name) {
	}

	@WsEndpoint("/profiles")
	static class Profiles {

		final List<Profile> received = new CopyOnWriteArrayList<>();

		@OnMessage
		Profile update(Profile profile) {
			this.received.add(profile);
			return profile;
		}

	}

	@WsEndpoint("/rooms/{room}")
	static class Rooms {

		@OnMessage
		String say(@PathParam Room room, String text) {
			return room.name() + ": " + text;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ProxyConfiguration {

		final AtomicInteger calls = new AtomicInteger();

		@Bean
		static BeanPostProcessor proxyingPostProcessor(ProxyConfiguration configuration) {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (!(bean instanceof Echo)) {
						return bean;
					}
					ProxyFactory factory = new ProxyFactory(bean);
					factory.setProxyTargetClass(true);
					factory.addAdvice((MethodInterceptor) (invocation) -> {
						configuration.calls.incrementAndGet();
						return invocation.proceed();
					});
					return factory.getProxy();
				}

			};
		}

	}

}
