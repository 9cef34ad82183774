package io.github.osdatahub.oauth2.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.osdatahub.oauth2.testkit.internal.Answers;
import io.github.osdatahub.oauth2.testkit.internal.GatewayJson;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * The one handler of the server: records every request (and, once answered, its status), allows
 * any origin on the API paths, then redirects or hands the request to its endpoint.
 */
final class Router implements HttpHandler {
  /** Bodies beyond this are drained, not kept; test requests are tiny. */
  private static final int MAX_RECORDED_BODY = 1 << 20;

  private final FakeOsDataHub hub;
  private final TokenEndpoint tokenEndpoint;
  private final ProtectedApis apis;

  Router(FakeOsDataHub hub) {
    this.hub = hub;
    this.tokenEndpoint = new TokenEndpoint(hub);
    this.apis = new ProtectedApis(hub);
  }

  @Override
  public void handle(HttpExchange serverExchange) {
    HttpExchange exchange = serverExchange;
    try {
      URI uri = exchange.getRequestURI();
      String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
      RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(), path, uri.getRawQuery(),
          exchange.getRequestHeaders(), Answers.readBody(exchange.getRequestBody(), MAX_RECORDED_BODY),
          Instant.ofEpochMilli(hub.timeSource().currentTimeMillis()));
      boolean tokenRequest = path.equals(FakeOsDataHub.TOKEN_PATH);
      RequestLog.Entry entry = hub.log(tokenRequest).add(request);
      exchange = new StatusRecordingExchange(serverExchange, entry::answered);
      if (!tokenRequest) {
        // Before anything is sent, so every API answer carries it: 401, 404 and redirects too.
        Cors.allowAnyOrigin(exchange.getResponseHeaders());
      }
      URI target = hub.settings().redirects().get(path);
      if (target != null) {
        Answers.send(exchange, 302, null, new byte[0], Map.of("Location", target.toString()));
      } else if (tokenRequest) {
        tokenEndpoint.handle(exchange, request);
      } else {
        apis.handle(exchange, request);
      }
    } catch (IOException e) {
      // The client went away mid-exchange; nothing to answer.
    } catch (RuntimeException e) {
      if (exchange.getResponseCode() == -1) {
        try {
          Answers.json(exchange, 500, GatewayJson.fault("FakeOsDataHub failed: " + e, "fake.internal_error"),
              Map.of());
        } catch (IOException | RuntimeException ignored) {
          // Nothing more can be said to this client.
        }
      }
    } finally {
      // Before any header is sent this closes the socket: that is how dropConnection() drops it.
      exchange.close();
    }
  }
}
