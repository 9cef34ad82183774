package io.github.osdatahub.oauth2.examples;

import com.sun.net.httpserver.HttpServer;
import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.jdk.JdkHttpTransport;
import io.github.osdatahub.oauth2.relay.RelayHttpHandler;
import io.github.osdatahub.oauth2.relay.TokenRelay;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A token relay for browser maps on the JDK's {@link HttpServer}: {@code GET /os-token} hands a page a
 * short-lived token in OS's own JSON shape, and {@code /os-oauth2/os-oauth2.js} is the page's helper.
 * This example starts it on a free loopback port, asks it once as a page would, and prints the answer's
 * status and remaining lifetime (never the token). Uses the real {@code api.os.uk} when
 * {@code OS_PROJECT_API_KEY} and {@code OS_PROJECT_API_SECRET} are set, otherwise an embedded
 * {@code FakeOsDataHub} (see {@link ExampleTarget}). {@code os-oauth2 map-demo} shows the page side.
 *
 * <pre>
 * ./mvnw -q -pl examples exec:java -Dexec.mainClass=io.github.osdatahub.oauth2.examples.RelayExample
 * </pre>
 */
public final class RelayExample {
  private RelayExample() {}

  public static void main(String[] args) throws Exception {
    try (ExampleTarget target = ExampleTarget.fromEnvironment();
         CachingTokenProvider provider = OsOAuth2.builder(target.credentials())
             .endpoint(target.tokenEndpoint())
             .transport(JdkHttpTransport.create())
             .build()) {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      RelayHttpHandler.installOn(server, TokenRelay.create(provider));   // GET /os-token, /os-oauth2/os-oauth2.js
      server.start();
      try {
        URI relay = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/os-token");
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(relay).build(),
            HttpResponse.BodyHandlers.ofString());
        System.out.println("Relay " + relay + ": " + answer.statusCode() + ", "
            + answer.headers().firstValue("Cache-Control").orElse("") + ", expires_in "
            + answer.body().replaceAll(".*\"expires_in\":\"(\\d+)\".*", "$1") + " s");
      } finally {
        server.stop(0);
      }
    }
  }
}
