package dev.wsboot.autoconfigure;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

/**
 * Makes the listener's server-mode {@link SSLEngine}s from a Spring Boot SSL bundle: one
 * {@link SSLContext} per bundle version, built when the application starts and again when
 * the bundle is reloaded ({@code reload-on-update}); connections accepted after a reload
 * use the new one, open ones keep theirs. The bundle's enabled protocols are narrowed to
 * TLSv1.3 and TLSv1.2, and its ciphers apply as they are.
 * <p>
 * Everything that would fail a handshake is checked up front: a bundle that is missing,
 * has no key store, or allows neither protocol or an unknown cipher fails the startup
 * naming {@code ws.server.ssl.bundle}; a reloaded bundle with such a fault is logged and
 * the previous one kept.
 */
final class SslBundleEngineFactory implements Supplier<SSLEngine> {

	static final String PROPERTY = "ws.server.ssl.bundle";

	private static final List<String> MODERN_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

	private static final Log logger = LogFactory.getLog(SslBundleEngineFactory.class);

	private final String bundleName;

	private final AtomicReference<Tls> tls;

	private SslBundleEngineFactory(String bundleName, Tls tls) {
		this.bundleName = bundleName;
		this.tls = new AtomicReference<>(tls);
	}

	/**
	 * Builds the factory of a bundle and registers for the bundle's updates.
	 * @param bundles the application's SSL bundles, or {@code null} when it has none
	 * @param bundleName the bundle's name
	 * @return the factory
	 * @throws InvalidConfigurationPropertyValueException when the bundle does not exist
	 * or cannot serve TLS
	 */
	static SslBundleEngineFactory create(@Nullable SslBundles bundles, String bundleName) {
		if (bundles == null) {
			throw new InvalidConfigurationPropertyValueException(PROPERTY, bundleName,
					"No SslBundles bean: Spring Boot's SslAutoConfiguration is missing, so no SSL bundle can be found");
		}
		SslBundle bundle;
		try {
			bundle = bundles.getBundle(bundleName);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidConfigurationPropertyValueException(PROPERTY, bundleName,
					"There is no SSL bundle named '" + bundleName + "'; configured bundles: " + bundles.getBundleNames()
							+ ". Declare it with spring.ssl.bundle.jks." + bundleName + ".* or spring.ssl.bundle.pem."
							+ bundleName + ".*");
		}
		Tls tls;
		try {
			tls = Tls.of(bundle);
		}
		catch (RuntimeException ex) {
			throw new InvalidConfigurationPropertyValueException(PROPERTY, bundleName,
					"SSL bundle '" + bundleName + "' cannot serve TLS: " + ex.getMessage());
		}
		SslBundleEngineFactory factory = new SslBundleEngineFactory(bundleName, tls);
		bundles.addBundleUpdateHandler(bundleName, factory::update);
		return factory;
	}

	private void update(SslBundle bundle) {
		try {
			this.tls.set(Tls.of(bundle));
			logger.info("SSL bundle '" + this.bundleName
					+ "' reloaded: new WebSocket connections use its new key and certificate");
		}
		catch (RuntimeException ex) {
			logger.error("SSL bundle '" + this.bundleName + "' was reloaded but cannot serve TLS; "
					+ "the WebSocket server keeps using the previous one", ex);
		}
	}

	@Override
	public SSLEngine get() {
		return this.tls.get().createEngine();
	}

	/**
	 * Returns the bundle's name.
	 * @return the name of the bundle
	 */
	String bundleName() {
		return this.bundleName;
	}

	@Override
	public String toString() {
		return "SSL bundle '" + this.bundleName + "'";
	}

	/**
	 * One version of a bundle: its context, built once, and its options.
	 */
	private record Tls(SSLContext context, String @Nullable [] protocols, String @Nullable [] ciphers) {

		static Tls of(SslBundle bundle) {
			KeyStore keyStore = bundle.getStores().getKeyStore();
			if (keyStore == null || !hasKey(keyStore)) {
				throw new IllegalStateException(
						"it has no key store with a private key, so no key and certificate " + "for the server");
			}
			SslOptions options = bundle.getOptions();
			String[] protocols = null;
			if (options.getEnabledProtocols() != null) {
				protocols = Arrays.stream(options.getEnabledProtocols())
					.filter(MODERN_PROTOCOLS::contains)
					.toArray(String[]::new);
				if (protocols.length == 0) {
					throw new IllegalStateException("its enabled protocols "
							+ Arrays.toString(options.getEnabledProtocols()) + " include neither TLSv1.3 nor TLSv1.2");
				}
			}
			Tls tls = new Tls(bundle.createSslContext(), protocols, options.getCiphers());
			// Fail now, not in every handshake, when a cipher is unknown.
			tls.createEngine();
			return tls;
		}

		private static boolean hasKey(KeyStore keyStore) {
			try {
				for (String alias : Collections.list(keyStore.aliases())) {
					if (keyStore.isKeyEntry(alias)) {
						return true;
					}
				}
				return false;
			}
			catch (KeyStoreException ex) {
				throw new IllegalStateException("its key store cannot be read: " + ex.getMessage(), ex);
			}
		}

		SSLEngine createEngine() {
			SSLEngine engine = this.context.createSSLEngine();
			engine.setUseClientMode(false);
			if (this.protocols != null) {
				engine.setEnabledProtocols(this.protocols);
			}
			if (this.ciphers != null) {
				engine.setEnabledCipherSuites(this.ciphers);
			}
			return engine;
		}

	}

}
