package io.github.osdatahub.oauth2.cli;

import io.github.osdatahub.oauth2.CredentialEncoding;
import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.CredentialsRejectedException;
import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import io.github.osdatahub.oauth2.testkit.RecordedRequest;
import io.github.osdatahub.oauth2.testkit.TokenFault;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The demo's walk through the token flow, one numbered step at a time, on real time with short
 * tokens. Each step checks what it shows (the fake's request counts, the headers the API saw) and
 * reports anything unexpected instead of claiming it.
 */
final class Demo {
  /** Tokens live this long instead of 299 s, so that renewal comes within seconds. */
  static final Duration TOKEN_LIFETIME = Duration.ofSeconds(6);
  /** How long the fake holds its answer to the refresh, so that the refresh is visibly in flight. */
  static final Duration REFRESH_DELAY = Duration.ofMillis(400);
  private static final int CACHED_CALLS = 100_000;
  private static final long POLL_MILLIS = 20;

  private final FakeOsDataHub hub;
  private final CachingTokenProvider provider;
  private final HttpClient api;
  private final PrintStream out;
  private final List<String> surprises = new ArrayList<>();
  private long startNanos;
  private long tokenCalls;

  Demo(FakeOsDataHub hub, CachingTokenProvider provider, PrintStream out) {
    this.hub = hub;
    this.provider = provider;
    this.api = Configuration.apiClient(provider, hub.tokenScope());
    this.out = out;
  }

  /** Runs every step; returns what did not go as expected (nothing, normally). */
  List<String> run() throws InterruptedException, IOException {
    out.println("os-oauth2 demo: the token flow against FakeOsDataHub, an in-process fake of the OS Data Hub.");
    out.printf("Tokens live %d s here instead of 299 s, so renewal comes within seconds.%n",
        TOKEN_LIFETIME.getSeconds());
    out.printf("Fake at %s, token endpoint %s%n%n", hub.baseUri(), hub.tokenUri());
    AccessToken first = fetched();
    reused(first);
    AccessToken second = renewedAhead(first);
    recoveredFromRejection(second);
    wrongSecret();
    summary();
    return surprises;
  }

  private AccessToken fetched() {
    out.println("1. Token fetched");
    startNanos = System.nanoTime();
    AccessToken token = token();
    out.printf("   provider.token() fetched token %s (its fingerprint: the token itself is a secret),%n",
        token.fingerprint());
    out.printf("   valid for %d s, in %d ms%n", token.lifetime().getSeconds(), millisSince(startNanos));
    expect(hub.tokenRequestCount() == 1, "1 token request after the first fetch");
    out.printf("   token requests so far: %d%n%n", hub.tokenRequestCount());
    return token;
  }

  private void reused(AccessToken first) {
    out.println("2. Reused from the cache");
    long began = System.nanoTime();
    int same = 0;
    for (int i = 0; i < CACHED_CALLS; i++) {
      if (token().equals(first)) {
        same++;
      }
    }
    double millis = (System.nanoTime() - began) / 1e6;
    out.printf("   %,d more calls to provider.token() returned token %s, in %.1f ms in all%n", same,
        first.fingerprint(), millis);
    expect(same == CACHED_CALLS, "every cached call returned the first token");
    expect(hub.tokenRequestCount() == 1, "still 1 token request after the cached calls");
    out.printf("   token requests so far: %d (still one)%n%n", hub.tokenRequestCount());
  }

  private AccessToken renewedAhead(AccessToken first) throws InterruptedException {
    out.println("3. Renewed ahead of expiry, without blocking");
    // The cache's default refresh-ahead margin is min(60 s, L/4) plus up to a tenth of it as jitter.
    Duration lifetime = first.lifetime();
    Duration margin = min(Duration.ofSeconds(60), lifetime.dividedBy(4));
    long earliestRefresh = startNanos + lifetime.toNanos() - margin.toNanos() - margin.toNanos() / 10;
    out.printf("   the cache renews about %.1f s before expiry (lifetime %d s / 4, less a little jitter)%n",
        margin.toMillis() / 1000.0, lifetime.getSeconds());
    hub.failNextTokenRequests(1, TokenFault.delay(REFRESH_DELAY));
    out.printf("   the fake will hold its next token answer for %d ms, so that the refresh is seen in flight%n",
        REFRESH_DELAY.toMillis());
    long wait = earliestRefresh - System.nanoTime() - POLL_MILLIS * 1_000_000L;
    out.printf("   waiting %.1f s, then calling provider.token() every %d ms ...%n", Math.max(0, wait) / 1e9,
        POLL_MILLIS);
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000L);
    }
    long refreshesBefore = provider.stats().refreshes();
    long refreshStart = 0;
    long slowest = 0;
    int duringRefresh = 0;
    AccessToken renewed = null;
    long arrived = 0;
    long giveUp = startNanos + lifetime.toNanos();
    while (System.nanoTime() - giveUp < 0) {
      long before = System.nanoTime();
      AccessToken token = token();
      long after = System.nanoTime();
      slowest = Math.max(slowest, after - before);
      if (!token.equals(first)) {
        renewed = token;
        arrived = before;
        break;
      }
      if (refreshStart == 0 && provider.stats().refreshes() > refreshesBefore) {
        refreshStart = before;
      }
      if (refreshStart != 0) {
        duringRefresh++;
      }
      Thread.sleep(POLL_MILLIS);
    }
    if (renewed == null || refreshStart == 0) {
      expect(false, "a refresh ahead of expiry within the token's lifetime");
      return renewed == null ? first : renewed;
    }
    out.printf("   t=%.2f s: a call found the token due for renewal, started one background refresh and%n",
        seconds(refreshStart));
    out.printf("             returned token %s at once%n", first.fingerprint());
    out.printf("   %d calls while the refresh was in flight all got token %s at once%n", duringRefresh,
        first.fingerprint());
    out.printf("   t=%.2f s: the new token %s had arrived; the next call returned it%n", seconds(arrived),
        renewed.fingerprint());
    out.printf("   slowest provider.token() call in this step: %.2f ms%n", slowest / 1e6);
    expect(provider.stats().refreshes() == refreshesBefore + 1, "exactly one refresh ahead of expiry");
    expect(hub.tokenRequestCount() == 2, "2 token requests after the refresh ahead of expiry");
    out.printf("   token requests so far: %d%n%n", hub.tokenRequestCount());
    return renewed;
  }

  private void recoveredFromRejection(AccessToken current) throws IOException, InterruptedException {
    out.println("4. An expired token rejected by an API, recovered with one refresh");
    hub.expireAllTokens();
    out.printf("   the fake expired every token it issued (hub.expireAllTokens()); the cache still holds %s%n",
        current.fingerprint());
    int tokensBefore = hub.tokenRequestCount();
    int apiBefore = hub.apiRequestCount();
    URI names = hub.namesUri("Southampton");
    HttpResponse<String> response = api.send(HttpRequest.newBuilder(names).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    AccessToken fresh = token();
    out.printf("   GET %s?%s through OsDataHubHttpClient:%n", names.getRawPath(), names.getRawQuery());
    List<RecordedRequest> calls = hub.apiRequests();
    calls = calls.subList(Math.max(0, calls.size() - (hub.apiRequestCount() - apiBefore)), calls.size());
    int firstStatus = response.previousResponse().map(HttpResponse::statusCode).orElse(0);
    boolean rejectedThenRetried = calls.size() == 2 && firstStatus == 401
        && carries(calls.get(0), current) && carries(calls.get(1), fresh) && !fresh.equals(current);
    if (rejectedThenRetried) {
      out.printf("   the API answered 401 to token %s; the client dropped it, got token %s and retried once%n",
          current.fingerprint(), fresh.fingerprint());
    }
    out.printf("   -> HTTP %d, %d characters of JSON: %s%n", response.statusCode(), response.body().length(),
        excerpt(response.body()));
    expect(response.statusCode() == 200, "HTTP 200 from the Names API after the retry");
    expect(rejectedThenRetried, "2 API requests: a 401 to the expired token, then the retry with a new one");
    expect(hub.tokenRequestCount() == tokensBefore + 1, "exactly one token request to recover from the 401");
    out.printf("   token requests so far: %d (one more); API requests: %d (the rejected one and the retry)%n%n",
        hub.tokenRequestCount(), hub.apiRequestCount());
  }

  private void wrongSecret() {
    out.println("5. A wrong secret reported clearly");
    String wrong = "not-the-right-secret";
    int tokensBefore = hub.tokenRequestCount();
    out.println("   provider.token() with the fake's key and a wrong secret:");
    try (CachingTokenProvider withWrongSecret = Configuration.tokenProvider(ProjectCredentials.of(hub.key(), wrong),
        hub.tokenUri(), CredentialEncoding.RFC6749)) {
      withWrongSecret.token();
      expect(false, "the wrong secret rejected");
    } catch (CredentialsRejectedException e) {
      out.printf("   CredentialsRejectedException: HTTP %d, error code %s%n", e.status(),
          e.errorCode().orElse("(none)"));
      out.printf("   message: %s%n", e.getMessage());
      boolean shown = String.valueOf(e.getMessage()).contains(wrong) || e.toString().contains(wrong);
      out.println(shown ? "   the message shows the secret!" : "   the secret is not in the message");
      expect(!shown, "the secret kept out of the exception");
      expect(e.errorCode().isPresent(), "the gateway's error code kept in the exception");
    }
    expect(hub.tokenRequestCount() == tokensBefore + 1, "one token request for the wrong secret (not retried)");
    out.printf("   token requests so far: %d (one more: a rejected secret is final, never retried)%n%n",
        hub.tokenRequestCount());
  }

  private void summary() {
    out.println("6. Summary, as counted by the fake");
    out.printf("   token requests: %d (first fetch, renewal ahead of expiry, renewal after the 401, wrong secret)%n",
        hub.tokenRequestCount());
    out.printf("   API requests:   %d (rejected with the expired token, retried with the new one)%n",
        hub.apiRequestCount());
    out.printf("   calls to provider.token(): %,d; the demo took %.1f s%n", tokenCalls, seconds(System.nanoTime()));
    expect(hub.tokenRequestCount() == 4, "4 token requests in all");
    expect(hub.apiRequestCount() == 2, "2 API requests in all");
    out.println(surprises.isEmpty() ? "Done: every step went as described." : "Done, with surprises: see stderr.");
  }

  private AccessToken token() {
    tokenCalls++;
    return provider.token();
  }

  private void expect(boolean condition, String what) {
    if (!condition) {
      surprises.add("expected " + what);
    }
  }

  private static boolean carries(RecordedRequest request, AccessToken token) {
    Optional<String> header = request.header("Authorization");
    return header.isPresent() && header.get().equals(token.authorizationHeader());
  }

  private static String excerpt(String body) {
    String flat = body.replaceAll("\\s+", " ");
    return flat.length() <= 60 ? flat : flat.substring(0, 60) + "...";
  }

  private double seconds(long nanoTime) {
    return (nanoTime - startNanos) / 1e9;
  }

  private static long millisSince(long nanoTime) {
    return (System.nanoTime() - nanoTime) / 1_000_000L;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
