package io.github.osdatahub.oauth2.benchmarks.coldstart;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An https token endpoint on 127.0.0.1 for the cold-start benchmark: a certificate for
 * {@code IP:127.0.0.1} made at run time with {@code keytool}, and a trust store that a child JVM
 * is pointed at: a copy of the JDK's {@code cacerts} with that certificate added, so that a child
 * loads a trust store of the usual size. It answers a POST with the right Basic credentials as OS
 * does (numbers as strings, {@code BearerToken}) and anything else with 401.
 */
final class LoopbackTlsTokenServer implements AutoCloseable {
  static final String KEY = "coldStartKey";
  static final String SECRET = "coldStartSecret";
  static final String PATH = "/oauth2/token/v1";
  private static final String PASSWORD = "changeit"; // the JDK's cacerts password, kept for the copy
  private static final String EXPECTED = "Basic "
      + Base64.getEncoder().encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.US_ASCII));

  private final Path directory;
  private final Path trustStore;
  private final HttpsServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final AtomicLong issued = new AtomicLong();

  private LoopbackTlsTokenServer(Path directory, Path trustStore, HttpsServer server) {
    this.directory = directory;
    this.trustStore = trustStore;
    this.server = server;
  }

  /** Makes the certificate and trust store in a new temporary directory and starts the server. */
  static LoopbackTlsTokenServer start(String javaHome) throws IOException, GeneralSecurityException,
      InterruptedException {
    Path dir = Files.createTempDirectory("os-oauth2-coldstart");
    Path keyStore = dir.resolve("server.p12");
    Path trustStore = dir.resolve("truststore.p12");
    String keytool = Path.of(javaHome, "bin", "keytool").toString();
    run(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1", "-storetype", "PKCS12", "-keystore",
        keyStore.toString(), "-storepass", PASSWORD);
    KeyStore cacerts = KeyStore.getInstance(Path.of(javaHome, "lib", "security", "cacerts").toFile(),
        PASSWORD.toCharArray());
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    for (String alias : java.util.Collections.list(cacerts.aliases())) {
      trust.setCertificateEntry(alias, cacerts.getCertificate(alias));
    }
    KeyStore keys = KeyStore.getInstance(keyStore.toFile(), PASSWORD.toCharArray());
    trust.setCertificateEntry("os-oauth2-coldstart", keys.getCertificate("server"));
    try (OutputStream out = Files.newOutputStream(trustStore)) {
      trust.store(out, PASSWORD.toCharArray());
    }

    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 128);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    LoopbackTlsTokenServer endpoint = new LoopbackTlsTokenServer(dir, trustStore, server);
    server.createContext(PATH, exchange -> {
      try (exchange; InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
        boolean ok = exchange.getRequestMethod().equals("POST")
            && EXPECTED.equals(exchange.getRequestHeaders().getFirst("Authorization"));
        byte[] body = (ok ? endpoint.tokenJson() : "{\"fault\":{\"faultstring\":\"Invalid client\"}}")
            .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    });
    server.setExecutor(endpoint.threads);
    server.start();
    return endpoint;
  }

  private String tokenJson() {
    String token = String.format("ColdStart%019d", issued.incrementAndGet()); // 28 letters and digits
    return "{\"access_token\":\"" + token + "\",\"expires_in\":\"299\",\"issued_at\":\"" + System.currentTimeMillis()
        + "\",\"token_type\":\"BearerToken\"}";
  }

  /** Whether a line a child printed is a token this server issued. */
  static boolean isToken(String line) {
    return line != null && line.matches("ColdStart[0-9]{19}");
  }

  URI tokenUri() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  /** The JVM options that make a child trust this server. */
  String trustOptions() {
    return "-Djavax.net.ssl.trustStore=" + trustStore + " -Djavax.net.ssl.trustStorePassword=" + PASSWORD
        + " -Djavax.net.ssl.trustStoreType=PKCS12";
  }

  long tokensIssued() {
    return issued.get();
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(command[1] + " failed: " + output);
    }
  }

  @Override
  public void close() throws IOException {
    server.stop(0);
    threads.shutdownNow();
    try (var files = Files.list(directory)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
    }
    Files.deleteIfExists(directory);
  }
}
