package io.github.osdatahub.oauth2;

import io.github.osdatahub.oauth2.spi.JsonCodec;
import io.github.osdatahub.oauth2.spi.TransportResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Turns what the token endpoint did into an {@link AttemptFailure}: the one place HTTP statuses and
 * error bodies are mapped. 3xx is a rejected request, since redirects are never followed; only 429,
 * 5xx and no answer are retryable. An error body cut at the bound keeps its status's mapping (a
 * 10 MB HTML page from a proxy is still a 503). Error envelopes are read by {@link GatewayError};
 * any other body is quoted as a short excerpt. Everything quoted goes through {@link Redaction}.
 */
final class ErrorMapping {
  private ErrorMapping() {}

  public static AttemptFailure answer(TransportResponse answer, TokenRequest request, JsonCodec codec,
      Redaction redaction, long nowMillis) {
    int status = answer.status();
    if (status >= 300 && status < 400) {
      String target = answer.header("Location").map(l -> location(request.endpoint(), l, redaction)).orElse("");
      return new AttemptFailure(status, null,
          "the token endpoint redirected (HTTP " + status + (target.isEmpty() ? "" : " to " + target)
              + "); redirects are not followed: configure the endpoint it points to", null, null, false);
    }
    String[] envelope = envelope(answer.body(), codec, redaction);
    String code = envelope[0];
    String detail = "HTTP " + status + (code == null ? "" : " " + code)
        + (envelope[1].isEmpty() ? "" : ": " + envelope[1]);
    boolean retryable = status == 429 || status >= 500 && status < 600;
    Duration retryAfter = retryable ? RetryAfter.parse(answer.header("Retry-After").orElse(null), nowMillis) : null;
    String what = status == 401 ? "rejected the project API key or secret"
        : status == 429 ? "is rate limiting this project"
        : status >= 400 && status < 500 ? "rejected the token request"
        : retryable ? "failed" : "answered with an unexpected status";
    String asked = status == 429 && retryAfter != null ? "; Retry-After " + seconds(retryAfter) : "";
    return new AttemptFailure(status, code, "the token endpoint " + what + ": " + detail + asked, retryAfter, null,
        retryable);
  }

  public static AttemptFailure malformed(int status, String problem) {
    return new AttemptFailure(status, null, problem, null, null, false);
  }

  public static AttemptFailure oversized(int status) {
    return malformed(status, "token response is over " + TokenRequest.MAX_RESPONSE_BYTES / 1024
        + " KiB: it was cut there, not read whole, and its connection closed (a real token answer is about"
        + " 120 bytes)");
  }

  public static AttemptFailure noAnswer(Throwable error, Redaction redaction) {
    Throwable e = unwrap(error);
    String message = redaction.excerpt(e.getMessage());
    String described = e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    // Not an I/O failure: a bug or misuse in the transport, which another attempt would repeat.
    boolean io = e instanceof IOException || e instanceof UncheckedIOException;
    return new AttemptFailure(OsOAuth2Exception.NO_STATUS, null, (io ? "no answer from the token endpoint: "
        : "the HTTP transport failed: ") + described, null, safeCause(e, redaction), io);
  }

  static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private static Throwable safeCause(Throwable e, Redaction redaction) {
    if (e == null || !redaction.isRevealedBy(e)) {
      return e;
    }
    IOException copy = new IOException(e.getClass().getName() + " (message masked, it held a secret): "
        + redaction.excerpt(e.getMessage()));
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  public static AttemptFailure timedOut(Duration timeout) {
    String text = "no answer from the token endpoint within " + seconds(timeout);
    return new AttemptFailure(OsOAuth2Exception.NO_STATUS, null, text, null, new TimeoutException(text), true);
  }

  public static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static String[] envelope(byte[] body, JsonCodec codec, Redaction redaction) {
    Optional<GatewayError> error = GatewayError.parse(body, codec);
    if (error.isEmpty()) { // not JSON, cut at the bound, or no envelope: quote an excerpt instead
      return new String[] {null, redaction.excerpt(new String(body, StandardCharsets.UTF_8).strip())};
    }
    return new String[] {error.get().code().map(redaction::excerpt).filter(code -> !code.isEmpty()).orElse(null),
        error.get().message().map(redaction::excerpt).orElse("")};
  }

  private static String location(URI endpoint, String location, Redaction redaction) {
    try {
      URI target = endpoint.resolve(location.strip());
      if (target.getScheme() == null || target.getHost() == null) {
        return "";
      }
      String port = target.getPort() < 0 ? "" : ":" + target.getPort();
      String path = target.getRawPath() == null ? "" : target.getRawPath();
      return redaction.excerpt(target.getScheme() + "://" + target.getHost() + port + path);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
