package dev.wsboot.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate for 127.0.0.1 and localhost made at test time with the JDK's
 * {@code keytool}, so no key material is committed and no library is needed. Public for
 * the tests of other packages (the SSL bundle tests), which also take it as PEM files.
 */
public final class SelfSignedCertificate {

	public static final String PASSWORD = "changeit";

	private final Path keyStore;

	private SelfSignedCertificate(Path keyStore) {
		this.keyStore = keyStore;
	}

	public static SelfSignedCertificate create(Path directory) throws IOException, InterruptedException {
		return create(directory, "server");
	}

	/**
	 * Makes a key pair and its certificate in {@code <name>.p12}, a PKCS12 key store
	 * whose store and key password is {@link #PASSWORD} and whose alias is {@code name}.
	 * @param directory where the key store goes
	 * @param name the file name, alias and common name's prefix, so that several differ
	 * @return the certificate
	 * @throws IOException if keytool fails
	 * @throws InterruptedException if interrupted while keytool runs
	 */
	public static SelfSignedCertificate create(Path directory, String name) throws IOException, InterruptedException {
		Path keyStore = directory.resolve(name + ".p12");
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", name, "-keyalg", "EC",
				"-groupname", "secp256r1", "-dname", "CN=localhost, OU=" + name, "-ext",
				"SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
				keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IOException("keytool failed: " + output);
		}
		return new SelfSignedCertificate(keyStore);
	}

	public Path keyStore() {
		return this.keyStore;
	}

	/**
	 * Returns the certificate.
	 * @return the X.509 certificate
	 * @throws IOException if the key store cannot be read
	 * @throws GeneralSecurityException if the key store cannot be loaded
	 */
	public X509Certificate certificate() throws IOException, GeneralSecurityException {
		KeyStore store = load();
		return (X509Certificate) store.getCertificate(store.aliases().nextElement());
	}

	/**
	 * Writes the certificate and the private key (unencrypted PKCS#8) as PEM files beside
	 * the key store: {@code <name>.crt} and {@code <name>.key}.
	 * @return the certificate's file and the key's file
	 * @throws IOException if the files cannot be written
	 * @throws GeneralSecurityException if the key store cannot be loaded
	 */
	public Path[] writePem() throws IOException, GeneralSecurityException {
		KeyStore store = load();
		String alias = store.aliases().nextElement();
		String name = this.keyStore.getFileName().toString().replace(".p12", "");
		Path certificate = this.keyStore.resolveSibling(name + ".crt");
		Path key = this.keyStore.resolveSibling(name + ".key");
		Files.writeString(certificate, pem("CERTIFICATE", store.getCertificate(alias).getEncoded()));
		Files.writeString(key, pem("PRIVATE KEY", store.getKey(alias, PASSWORD.toCharArray()).getEncoded()));
		return new Path[] { certificate, key };
	}

	private static String pem(String type, byte[] der) {
		String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
	}

	public SSLContext serverContext() throws IOException, GeneralSecurityException {
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(load(), PASSWORD.toCharArray());
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keys.getKeyManagers(), null, null);
		return context;
	}

	/**
	 * Returns a client context that trusts this certificate only.
	 * @return the context
	 * @throws IOException if the key store cannot be read
	 * @throws GeneralSecurityException if the key store cannot be loaded
	 */
	public SSLContext clientContext() throws IOException, GeneralSecurityException {
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
