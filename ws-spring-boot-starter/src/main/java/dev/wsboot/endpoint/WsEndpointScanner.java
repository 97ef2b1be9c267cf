package dev.wsboot.endpoint;

import java.util.ArrayList;
import java.util.List;

import dev.wsboot.annotation.WsEndpoint;
import dev.wsboot.observation.WsMessageHandlingObservers;
import dev.wsboot.server.WsHandshakeInterceptor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Finds the {@code @WsEndpoint} beans once every singleton exists, builds an invoker for
 * each of their annotated methods, and installs them in the {@link WsEndpointRegistry},
 * in the manner of Spring's {@code EventListenerMethodProcessor}: the target class is
 * resolved through proxies, and each method is called through the proxy-safe method
 * {@code AopUtils.selectInvocableMethod} picks. A misdeclared endpoint fails the
 * context's refresh with a {@link BeanInitializationException} naming the bean and
 * method.
 * <p>
 * {@code @PathParam} values are converted with the bean factory's
 * {@code ConversionService} (Spring Boot's application conversion service) or else
 * {@link DefaultConversionService}; JSON messages use the application's Jackson
 * {@code JsonMapper} bean when Jackson 3 is on the class path. Each {@code @OnMessage}
 * call is watched by the application's {@link WsMessageHandlingObservers} bean, when
 * there is one (the {@code ws.server.message.handling} timer or observation). The
 * {@link WsHandshakeInterceptor} beans are installed with the endpoints, in their
 * {@code @Order}.
 */
public final class WsEndpointScanner implements SmartInitializingSingleton, BeanFactoryAware {

	private static final Log logger = LogFactory.getLog(WsEndpointScanner.class);

	private final WsEndpointRegistry registry;

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	/**
	 * Creates a scanner.
	 * @param registry where the endpoints go
	 */
	public WsEndpointScanner(WsEndpointRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		Assert.isInstanceOf(ConfigurableListableBeanFactory.class, beanFactory,
				"WsEndpointScanner needs a ConfigurableListableBeanFactory");
		this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		ConfigurableListableBeanFactory beanFactory = this.beanFactory;
		Assert.state(beanFactory != null, "No BeanFactory");
		ConversionService conversionService = beanFactory.getConversionService();
		if (conversionService == null) {
			conversionService = DefaultConversionService.getSharedInstance();
		}
		EndpointHandlerFactory factory = new EndpointHandlerFactory(conversionService,
				JsonCodec.find(beanFactory, beanFactory.getBeanClassLoader()), observers(beanFactory));
		List<EndpointHandler> handlers = new ArrayList<>();
		for (String beanName : beanFactory.getBeanNamesForAnnotation(WsEndpoint.class)) {
			if (ScopedProxyUtils.isScopedTarget(beanName)) {
				continue;
			}
			Class<?> targetClass = AutoProxyUtils.determineTargetClass(beanFactory, beanName);
			if (targetClass == null) {
				targetClass = beanFactory.getType(beanName, false);
			}
			if (targetClass == null) {
				throw new BeanInitializationException(
						"Cannot determine the class of @WsEndpoint bean '" + beanName + "'");
			}
			Object bean = beanFactory.getBean(beanName);
			handlers.add(factory.create(beanName, bean, ClassUtils.getUserClass(targetClass)));
		}
		List<WsHandshakeInterceptor> interceptors = beanFactory.getBeanProvider(WsHandshakeInterceptor.class)
			.orderedStream()
			.toList();
		this.registry.register(handlers, interceptors);
		if (logger.isDebugEnabled()) {
			logger.debug(
					"WebSocket endpoints: " + this.registry.endpoints() + "; handshake interceptors: " + interceptors);
		}
	}

	private static WsMessageHandlingObservers observers(ConfigurableListableBeanFactory beanFactory) {
		return beanFactory.getBeanProvider(WsMessageHandlingObservers.class)
			.getIfUnique(() -> WsMessageHandlingObservers.NOOP);
	}

}
