package dev.wsboot.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate for 127.0.0.1 and localhost made at test time with the JDK's
 * {@code keytool}, so no key material is committed and no library is needed.
 */
final class SelfSignedCertificate {

	static final String PASSWORD = "changeit";

	private final Path keyStore;

	private SelfSignedCertificate(Path keyStore) {
		this.keyStore = keyStore;
	}

	static SelfSignedCertificate create(Path directory) throws IOException, InterruptedException {
		Path keyStore = directory.resolve("server.p12");
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg",
				"EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
				"-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
				"-keypass", PASSWORD))
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IOException("keytool failed: " + output);
		}
		return new SelfSignedCertificate(keyStore);
	}

	Path keyStore() {
		return this.keyStore;
	}

	SSLContext serverContext() throws IOException, GeneralSecurityException {
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(load(), PASSWORD.toCharArray());
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keys.getKeyManagers(), null, null);
		return context;
	}

	SSLContext clientContext() throws IOException, GeneralSecurityException {
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(load());
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

	private KeyStore load() throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(this.keyStore)) {
			store.load(in, PASSWORD.toCharArray());
		}
		return store;
	}

}
