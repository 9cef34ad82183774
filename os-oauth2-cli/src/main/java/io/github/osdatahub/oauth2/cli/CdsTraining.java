package io.github.osdatahub.oauth2.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * The build's training run for the class-data-sharing archive of the {@code os-oauth2} launcher
 * (README, "Start-up"): run once by Maven under {@code -XX:ArchiveClassesAtExit}, it starts a token
 * endpoint on 127.0.0.1 over TLS, with a certificate that {@code keytool} makes for the run, and
 * runs {@code token}, {@code token --json} and {@code --help} against it, so that the archive holds
 * the classes a real {@code token} call loads, TLS included. Not a command; it prints nothing on
 * success.
 */
public final class CdsTraining {
  private static final String PASSWORD = "training";
  private static final String KEY = "trainingKey";
  private static final String SECRET = "trainingSecret";
  private static final String BODY = "{\"access_token\":\"Tr41n1ngTokenTr41n1ngToken12\",\"expires_in\":\"299\","
      + "\"issued_at\":\"1634663382476\",\"token_type\":\"BearerToken\"}";
  private static final byte[] ANSWER = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
      + BODY.length() + "\r\nConnection: close\r\n\r\n" + BODY).getBytes(StandardCharsets.US_ASCII);

  private CdsTraining() {}

  /**
   * @param args none
   * @throws Exception when the training run fails: the build then fails rather than ship an archive
   *     that does not hold the token path
   */
  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("os-oauth2-cds");
    Path keyStore = dir.resolve("training.p12");
    try {
      keytool(keyStore);
      System.setProperty("javax.net.ssl.trustStore", keyStore.toString()); // its certificate is trusted
      System.setProperty("javax.net.ssl.trustStorePassword", PASSWORD);
      System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
      try (SSLServerSocket server = serverSocket(keyStore)) {
        Thread endpoint = new Thread(() -> answer(server), "cds-training-endpoint");
        endpoint.setDaemon(true);
        endpoint.start();
        Map<String, String> env = Map.of(Configuration.KEY_VARIABLE, KEY, Configuration.SECRET_VARIABLE, SECRET,
            Configuration.TOKEN_URL_VARIABLE, "https://127.0.0.1:" + server.getLocalPort() + "/oauth2/token/v1");
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        for (String[] command : new String[][] {{"token"}, {"token", "--json"}, {"--help"}}) {
          int status = Main.run(command, env, discard, System.err);
          if (status != 0) {
            throw new IllegalStateException("training run of " + String.join(" ", command) + " ended with " + status);
          }
        }
      }
    } finally {
      Files.deleteIfExists(keyStore);
      Files.deleteIfExists(dir);
    }
  }

  private static void keytool(Path keyStore) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "training", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "1",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1", "-storetype", "PKCS12", "-keystore",
        keyStore.toString(), "-storepass", PASSWORD).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("keytool failed: " + output);
    }
  }

  private static SSLServerSocket serverSocket(Path keyStore) throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance(keyStore.toFile(), PASSWORD.toCharArray());
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    return (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 8, InetAddress.getByName("127.0.0.1"));
  }

  /** Answers every request with a token, one request per connection, until the socket closes. */
  private static void answer(SSLServerSocket server) {
    while (!server.isClosed()) {
      try (Socket connection = server.accept()) {
        readRequest(connection.getInputStream());
        connection.getOutputStream().write(ANSWER);
        connection.getOutputStream().flush();
      } catch (IOException e) {
        // closed at the end of training, or a client that went away: the training run reports failures
      }
    }
  }

  private static void readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return;
      }
      head.write(b);
    }
    in.readNBytes(29); // grant_type=client_credentials
  }
}
