package io.github.osdatahub.oauth2.testkit;

import com.sun.net.httpserver.HttpExchange;
import io.github.osdatahub.oauth2.testkit.internal.Answers;
import io.github.osdatahub.oauth2.testkit.internal.FormData;
import io.github.osdatahub.oauth2.testkit.internal.GatewayJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code POST /oauth2/token/v1}: the exchange of project credentials for a token, with queued faults. */
final class TokenEndpoint {
  private static final String FORM = "application/x-www-form-urlencoded";

  private final FakeOsDataHub hub;

  TokenEndpoint(FakeOsDataHub hub) {
    this.hub = hub;
  }

  void handle(HttpExchange exchange, RecordedRequest request) throws IOException {
    TokenFault fault = hub.pollTokenFault();
    if (fault == null) {
      answer(exchange, request);
      return;
    }
    switch (fault.kind()) {
      case DELAY:
        try {
          Thread.sleep(fault.delayTime().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt(); // the hub is closing: no answer
          return;
        }
        answer(exchange, request);
        return;
      case DROP_CONNECTION:
        return; // the router closes the exchange before any header is sent, which closes the socket
      case OVERSIZED:
        sendOversized(exchange, fault);
        return;
      default:
        Answers.send(exchange, fault.statusCode(), "application/json",
            fault.bodyText().getBytes(StandardCharsets.UTF_8), fault.headers());
    }
  }

  private void answer(HttpExchange exchange, RecordedRequest request) throws IOException {
    if (!request.method().equals("POST")) {
      Answers.json(exchange, 405, GatewayJson.gatewayError("invalid_request",
          "Unsupported method : " + request.method()), Map.of("Allow", "POST"));
      return;
    }
    String contentType = request.header("Content-Type").orElse("");
    String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!mediaType.equals(FORM)) {
      Answers.json(exchange, 400, GatewayJson.gatewayError("invalid_request",
          "Content-Type must be " + FORM), Map.of());
      return;
    }
    String form = request.bodyAsString();
    if (!credentialsValid(request, form)) {
      Answers.json(exchange, 401, GatewayJson.invalidClient(), Map.of());
      return;
    }
    Optional<String> grantType = FormData.first(form, "grant_type");
    if (!grantType.equals(Optional.of("client_credentials"))) {
      Answers.json(exchange, 400, GatewayJson.gatewayError("invalid_request",
          "Unsupported grant type : " + grantType.orElse("")), Map.of());
      return;
    }
    Answers.json(exchange, 200, issueAnswer(""), Map.of());
  }

  /** A fresh token answer; {@code extraMembers} (with a leading comma) go before the closing brace. */
  private String issueAnswer(String extraMembers) {
    Settings settings = hub.settings();
    long now = hub.timeSource().currentTimeMillis();
    String token = hub.tokens().issue(now, settings.tokenLifetime().toMillis());
    String answer = GatewayJson.tokenAnswer(token, settings.tokenLifetime().toSeconds(), now,
        settings.legacyResponses());
    return answer.substring(0, answer.length() - 1) + extraMembers + "}";
  }

  private boolean credentialsValid(RecordedRequest request, String form) {
    Optional<String> authorization = request.header("Authorization");
    if (authorization.isPresent()) {
      return basicMatches(authorization.get());
    }
    // Inferred: the gateway probably also takes the credentials in the form body.
    Optional<String> id = FormData.first(form, "client_id");
    Optional<String> secret = FormData.first(form, "client_secret");
    return id.isPresent() && secret.isPresent() && matches(id.get(), secret.get());
  }

  private boolean basicMatches(String authorization) {
    String[] parts = authorization.strip().split("\\s+", 2);
    if (parts.length != 2 || !parts[0].equalsIgnoreCase("Basic")) {
      return false;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    return colon >= 0 && matches(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  private boolean matches(String key, String secret) {
    // Both compared (no short circuit), like a gateway that does not leak which one was wrong.
    return hub.acceptsKey(key) & hub.acceptsSecret(secret);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private void sendOversized(HttpExchange exchange, TokenFault fault) throws IOException {
    String start = issueAnswer(",\"padding\":\"");
    byte[] head = utf8(start.substring(0, start.length() - 1)); // drop the closing brace; added after padding
    byte[] tail = utf8("\"}");
    long padding = fault.size() - head.length - tail.length;
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    fault.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(200, fault.size());
    byte[] chunk = new byte[8192];
    Arrays.fill(chunk, (byte) 'x');
    // The client may stop reading at its bound and close: the IOException then ends the answer.
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(head);
      for (long left = padding; left > 0; left -= chunk.length) {
        out.write(chunk, 0, (int) Math.min(left, chunk.length));
      }
      out.write(tail);
    }
  }
}
