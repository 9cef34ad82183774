package io.github.osdatahub.oauth2;

import static io.github.osdatahub.oauth2.RecordingTransport.answer;
import static io.github.osdatahub.oauth2.RecordingTransport.crash;
import static io.github.osdatahub.oauth2.RecordingTransport.fail;
import static io.github.osdatahub.oauth2.RecordingTransport.never;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.spi.TransportResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs every failure path of the exchange with a known secret and token, including answers that
 * echo them back, and scans every exception message (the whole chain), every {@code toString()} and
 * every log line at every level for the secret, the Basic value and the token.
 */
class SecretLeakTest {
  static final String KEY = "leak-test-key";
  static final String SECRET = "s3cr3t-DO-NOT-LOG";
  static final String TOKEN = "tok-DO-NOT-LOG";
  static final ProjectCredentials CREDENTIALS = ProjectCredentials.of(KEY, SECRET);
  static final String BASIC = Base64.getEncoder().encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
  static final List<String> FORBIDDEN = List.of(SECRET, BASIC, TOKEN, KEY + ":" + SECRET, "DO-NOT-LOG");

  final ManualTimeSource time = new ManualTimeSource();
  final List<String> scanned = new ArrayList<>();
  LogCapture logs;

  @BeforeEach
  void captureAllLogging() {
    logs = LogCapture.start();
  }

  @AfterEach
  void restoreLogging() {
    logs.close();
  }

  /** Every way the exchange can fail, each echoing the secrets where an answer could. */
  static Map<String, RecordingTransport.Step> failurePaths() {
    Map<String, RecordingTransport.Step> paths = new LinkedHashMap<>();
    paths.put("401 echoing secret and Basic", answer(401,
        "{\"ErrorCode\":\"invalid_client\",\"Error\":\"Bad secret " + SECRET + " in Basic " + BASIC + "\"}"));
    paths.put("400 with the secret as error code", answer(400,
        "{\"ErrorCode\":\"" + SECRET + "\",\"Error\":\"Unsupported grant type : " + SECRET + "\"}"));
    paths.put("403 fault echoing the token and secret", answer(403,
        "{\"fault\":{\"faultstring\":\"Invalid access_token=" + TOKEN + "\",\"detail\":{\"errorcode\":\"" + SECRET
            + "\"}}}"));
    paths.put("RFC 6749 error echoing both", answer(400,
        "{\"error\":\"invalid_client\",\"error_description\":\"client " + KEY + ":" + SECRET + " sent Bearer " + TOKEN
            + "\"}"));
    paths.put("500 HTML echoing the request", answer(500,
        "<html><pre>Authorization: Basic " + BASIC + "\r\nsecret=" + SECRET + "</pre></html>"));
    paths.put("503 with a token in the body", answer(503,
        "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":\"299\",\"note\":\"" + SECRET + "\"}"));
    paths.put("429 echoing the secret", answer(429, "slow down " + SECRET, "Retry-After", "1"));
    paths.put("429 with a too long Retry-After", answer(429, "{\"Error\":\"" + BASIC + "\"}", "Retry-After", "3600"));
    paths.put("200 with a bad expires_in carrying the token", answer(200,
        "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":\"" + TOKEN + "\",\"token_type\":\"Bearer\"}"));
    paths.put("200 with a negative expires_in", answer(200,
        "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":-5,\"token_type\":\"Bearer\"}"));
    paths.put("200 with the token as token_type", answer(200,
        "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":\"299\",\"token_type\":\"" + TOKEN + "\"}"));
    paths.put("200 with a token that cannot be a header", answer(200,
        "{\"access_token\":\"" + TOKEN + "\\r\\n\",\"expires_in\":\"299\"}"));
    paths.put("200 form-encoded", answer(200, "access_token=" + TOKEN + "&expires_in=299&token_type=Bearer"));
    paths.put("200 cut-off JSON", answer(200, "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":\"29"));
    paths.put("200 JSON array", answer(200, "[{\"access_token\":\"" + TOKEN + "\"}]"));
    byte[] big = ("{\"access_token\":\"" + TOKEN + "\"," + " ".repeat(TokenRequest.MAX_RESPONSE_BYTES))
        .getBytes(StandardCharsets.UTF_8);
    paths.put("200 oversized", answer(TransportResponse.of(200, Map.of(), big)));
    paths.put("503 oversized echoing the secret",
        answer(TransportResponse.of(503, Map.of(), (SECRET + " ").repeat(5000).getBytes(StandardCharsets.UTF_8))));
    paths.put("302 to a URL carrying secrets", answer(302, SECRET,
        "Location", "https://elsewhere.example/" + SECRET + "?access_token=" + TOKEN + "#" + BASIC));
    paths.put("transport failure quoting the secret", fail(new IOException("sent Basic " + BASIC + " for " + SECRET,
        new IOException("inner " + SECRET))));
    paths.put("transport bug quoting the secret", crash(new IllegalStateException("state " + SECRET)));
    paths.put("server that never answers", never());
    return paths;
  }

  @Test
  void noFailurePathRevealsASecret() {
    for (Map.Entry<String, RecordingTransport.Step> path : failurePaths().entrySet()) {
      RecordingTransport t = new RecordingTransport(time, path.getValue());
      TokenClient client = client(t).buildClient();
      OsOAuth2Exception e = null;
      try {
        AsyncFetch.run(client, time);
      } catch (OsOAuth2Exception caught) {
        e = caught;
      }
      assertThat(e).as("%s must fail", path.getKey()).isNotNull();
      scanThrowable(path.getKey(), e);
      scan(path.getKey() + " client", client.toString());
    }
    assertThat(scanned).hasSizeGreaterThanOrEqualTo(failurePaths().size() * 3); // message, toString, client
    // The capture works: retries were logged, and so were the reasons to stop.
    assertThat(logs.text()).contains("retrying in").contains("not retried").contains("gave up after 3 attempts").contains("HTTP 503");
    scanLogs();
  }

  @Test
  void cancelledAndTimedOutWaitsRevealNothing() {
    // The first answer echoes the secret; the next request never answers.
    RecordingTransport t = new RecordingTransport(time, answer(503, "{\"ErrorCode\":\"" + SECRET + "\"}"), never());
    CompletableFuture<AccessToken> fetch = client(t).buildClient().fetchAsync();
    time.advance(Duration.ofSeconds(1));
    fetch.cancel(true);
    scanThrowable("cancelled fetch", failureOf(fetch));
    assertThat(t.unanswered()).hasSize(1).allMatch(CompletableFuture::isCancelled);

    RecordingTransport t2 = new RecordingTransport(time, answer(503, "{\"ErrorCode\":\"" + SECRET + "\"}"), never());
    CachingTokenProvider provider = client(t2).maxAttempts(1).maxWait(Duration.ofSeconds(5)).executor(Runnable::run)
        .build();
    assertThat(failureOf(provider.tokenAsync())).isInstanceOf(ServerErrorException.class);
    time.advance(Duration.ofSeconds(1)); // past the failure backoff
    CompletableFuture<AccessToken> late = provider.tokenAsync();
    time.advance(Duration.ofSeconds(5));
    Throwable timedOut = failureOf(late);
    assertThat(timedOut).hasMessageContaining("no token within").hasCauseInstanceOf(ServerErrorException.class);
    scanThrowable("wait timed out after a failure", timedOut);
    CompletableFuture<AccessToken> closed = provider.tokenAsync();
    provider.close();
    scanThrowable("wait ended by close", failureOf(closed));
    assertThat(t2.unanswered()).hasSize(1).allMatch(CompletableFuture::isCancelled);
    scanLogs();
  }

  /** The future's failure; a future that did not fail fails here instead of scanning nothing. */
  private static Throwable failureOf(CompletableFuture<?> f) {
    assertThat(f).as("expected to have failed, so that its exception could be scanned").isCompletedExceptionally();
    return ErrorMapping.unwrap(f.handle((value, error) -> error).join());
  }

  @Test
  void successAndItsValuesRevealNothing() {
    String body = "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":\"299\",\"issued_at\":\"1634663382476\","
        + "\"token_type\":\"Bearer\"}";
    RecordingTransport t = new RecordingTransport(time, answer(503, "{\"Error\":\"" + SECRET + "\"}"), answer(200, body));
    TokenClient client = client(t).buildClient();
    AccessToken token = AsyncFetch.run(client, time);
    assertThat(token.value()).isEqualTo(TOKEN); // the token really went through here
    scan("token", token.toString());
    scan("client", client.toString());
    scan("request", client.request().toString());
    scan("credentials", CREDENTIALS.toString());
    scan("response", TokenResponse.parse(body.getBytes(StandardCharsets.UTF_8), TestJsonCodec.create()).toString());
    scan("transport response", TransportResponse.of(200, Map.of("Set-Cookie", List.of(TOKEN)),
        body.getBytes(StandardCharsets.UTF_8)).toString());
    assertThat(logs.text()).contains("token fetched");
    scanLogs();
  }

  @Test
  void theScanWouldCatchALeak() {
    for (String secret : FORBIDDEN) {
      assertThat(leaks("prefix " + secret + " suffix")).isNotEmpty();
    }
    assertThat(leaks("clean text with **** only")).isEmpty();
  }

  // ------------------------------------------------------------------ helpers

  OsOAuth2.Builder client(RecordingTransport t) {
    return OsOAuth2.builder(CREDENTIALS).endpoint(URI.create("http://127.0.0.1:9/oauth2/token/v1")).transport(t)
        .jsonCodec(TestJsonCodec.create()).timeSource(time).random(() -> 0.5);
  }

  static List<String> leaks(String text) {
    List<String> found = new ArrayList<>();
    for (String secret : FORBIDDEN) {
      if (text != null && text.contains(secret)) {
        found.add(secret);
      }
    }
    return found;
  }

  void scan(String where, String text) {
    scanned.add(where);
    assertThat(leaks(text)).as("%s: %s", where, text).isEmpty();
  }

  /** The throwable, its causes and suppressed exceptions: message and toString of each. */
  void scanThrowable(String where, Throwable error) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> todo = new ArrayList<>(List.of(error));
    while (!todo.isEmpty()) {
      Throwable t = todo.remove(0);
      if (!seen.add(t)) {
        continue;
      }
      scan(where + " message of " + t.getClass().getSimpleName(), t.getMessage());
      scan(where + " toString of " + t.getClass().getSimpleName(), t.toString());
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
      todo.addAll(Arrays.asList(t.getSuppressed()));
    }
  }

  void scanLogs() {
    String text = logs.text();
    for (String line : text.split("\\R")) {
      scan("log line", line);
    }
  }
}
