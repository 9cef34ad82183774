package io.github.osdatahub.oauth2.jdk;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.TokenAuthorizer;
import io.github.osdatahub.oauth2.TokenRequest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.PushPromiseHandler;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * One call through {@link OsDataHubHttpClient} for a request in scope: adds the token, answers one
 * 401 as core's {@link TokenAuthorizer} says (invalidate the token that was sent, retry once if the
 * provider has another), and follows redirects
 * hop by hop (when the client's policy follows them) so each hop is checked against the scope.
 * Also, with no token of ours, for a request that carries the caller's own {@code Authorization}
 * and would be redirected: so that it is dropped across origins on every JDK.
 *
 * <p>Written once as a chain of futures. The asynchronous {@link Io} never blocks; the synchronous
 * one completes every future before returning it, so the same chain runs inline on the caller's
 * thread with the delegate's blocking {@code send}.
 *
 * <p>What to do with an answer is decided when its headers arrive, in the body handler: a redirect
 * to follow has its body discarded, a 401 that may be retried is buffered (and replayed to the
 * caller's handler if it is returned after all), and everything else goes to the caller's handler.
 * That 401 is read at most to {@link TokenRequest#MAX_RESPONSE_BYTES} (an error envelope is far
 * smaller; past the bound the connection is dropped unread) and within the request's timeout.
 */
final class AuthorizedExchange<T> {
  // Dropped on a hop to another origin, as JDK 25 does (JDK 17 forwards them: a caller's own
  // Authorization would reach any host a redirect names). Our token is never among them: each hop
  // gets it afresh, from the scope.
  private static final Set<String> DROPPED_ACROSS_ORIGINS = Set.of("authorization", "cookie", "origin", "referer");

  private final TokenAuthorizer authorizer;
  private final HttpClient direct;
  private final HttpClient.Redirect policy;
  private final Io io;
  private final BodyHandler<T> handler;
  private final PushPromiseHandler<T> push;

  AuthorizedExchange(TokenAuthorizer authorizer, HttpClient direct, HttpClient.Redirect policy, Io io,
      BodyHandler<T> handler, PushPromiseHandler<T> push) {
    this.authorizer = authorizer;
    this.direct = direct;
    this.policy = policy;
    this.io = io;
    this.handler = handler;
    this.push = push;
  }

  /** Sends a request without an {@code Authorization} header, adding the token where the scope permits. */
  CompletableFuture<HttpResponse<T>> run(HttpRequest request) {
    return io.token(authorizer).thenCompose(token -> hop(request, token, 0, false, null));
  }

  /**
   * Sends a request that carries the caller's own {@code Authorization}: the provider is never
   * asked and no 401 is retried; redirects are followed only to drop that header across origins.
   */
  CompletableFuture<HttpResponse<T>> runAsGiven(HttpRequest request) {
    return hop(request, null, 0, false, null);
  }

  /** One hop; {@code token} is null when the request goes as the caller gave it. */
  private CompletableFuture<HttpResponse<T>> hop(HttpRequest request, AccessToken token, int hops, boolean retried,
      HttpResponse<T> previous) {
    boolean authorize = token != null && authorizer.permits(request.uri());
    HttpRequest sent = authorize
        ? HttpRequest.newBuilder(request, (name, value) -> true).setHeader("Authorization", token.authorizationHeader())
            .build()
        : request;
    long sentAt = System.nanoTime();
    return io.send(direct, sent, decide(request, sentAt, hops, authorize && !retried), push == null ? null : pushes())
        .thenCompose(response -> {
          Outcome<T> outcome = response.body();
          if (outcome == null) {
            // A proxy's 407 to CONNECT: the JDK returns it without calling any body handler.
            return CompletableFuture.completedFuture(new ChainedResponse<>(response, null, previous));
          }
          if (outcome.rejected != null) {
            return retryOrReturn(request, token, response, hops, previous);
          }
          if (outcome.redirect != null) {
            HttpRequest next = nextHop(request, response.statusCode(), outcome.redirect);
            return hop(next, token, hops + 1, retried, new ChainedResponse<>(response, null, previous));
          }
          return CompletableFuture.completedFuture(new ChainedResponse<>(response, outcome.value, previous));
        });
  }

  /** After a 401 to our token: retry once with a fresh token, or give the 401 to the caller. */
  private CompletableFuture<HttpResponse<T>> retryOrReturn(HttpRequest request, AccessToken rejected,
      HttpResponse<Outcome<T>> response, int hops, HttpResponse<T> previous) {
    return io.tokenForRetry(authorizer, rejected).thenCompose(fresh -> fresh == null
        ? replay(response, previous)
        : hop(request, fresh, hops, true, new ChainedResponse<>(response, null, previous)));
  }

  private CompletableFuture<HttpResponse<T>> replay(HttpResponse<Outcome<T>> response, HttpResponse<T> previous) {
    HttpResponse.ResponseInfo info = new HttpResponse.ResponseInfo() {
      @Override
      public int statusCode() {
        return response.statusCode();
      }

      @Override
      public HttpHeaders headers() {
        return response.headers();
      }

      @Override
      public HttpClient.Version version() {
        return response.version();
      }
    };
    return ReplayedBody.replay(handler.apply(info), response.body().rejected).toCompletableFuture()
        .thenApply(body -> new ChainedResponse<>(response, body, previous));
  }

  /** The body handler for one hop: decides, from status and headers, what the wrapper will do. */
  private BodyHandler<Outcome<T>> decide(HttpRequest request, long sentAt, int hops, boolean mayRetry) {
    URI from = request.uri();
    return info -> {
      int status = info.statusCode();
      if (status == 401 && mayRetry) {
        // The JDK's timeout covers the headers only; the buffered body must also be in by then.
        BoundedBodySubscriber bounded = request.timeout()
            .map(timeout -> new BoundedBodySubscriber(sentAt + timeout.toNanos(), timeout))
            .orElseGet(BoundedBodySubscriber::new);
        return BodySubscribers.mapping(bounded, Outcome::rejected);
      }
      if (policy != HttpClient.Redirect.NEVER && hops < Redirects.MAX_HOPS && Redirects.isRedirect(status)) {
        Optional<URI> to = Redirects.target(from, info.headers());
        if (to.isPresent() && Redirects.allows(policy, from, to.get())) {
          return BodySubscribers.replacing(Outcome.redirect(to.get()));
        }
      }
      return BodySubscribers.mapping(handler.apply(info), Outcome::value);
    };
  }

  /** The caller's push promise handler, seeing its own body type. Pushed answers are never acted on. */
  private PushPromiseHandler<Outcome<T>> pushes() {
    return (initiating, pushed, acceptor) -> push.applyPushPromise(initiating, pushed,
        callerHandler -> acceptor
            .apply(info -> BodySubscribers.mapping(callerHandler.apply(info), Outcome::value))
            .thenApply(response -> new ChainedResponse<>(response, response.body().value, null)));
  }

  /** The next hop, built from the request as the caller gave it (never the one that carried our token). */
  private static HttpRequest nextHop(HttpRequest request, int status, URI target) {
    boolean sameOrigin = Redirects.sameOrigin(request.uri(), target);
    HttpRequest.Builder next = HttpRequest.newBuilder(request,
        (name, value) -> sameOrigin || !DROPPED_ACROSS_ORIGINS.contains(name.toLowerCase(Locale.ROOT))).uri(target);
    String method = Redirects.nextMethod(status, request.method());
    if (!method.equals(request.method())) {
      next.GET();
    }
    return next.build();
  }

  /** What the wrapper does with one hop's answer: exactly one field is set (value may be null). */
  private static final class Outcome<T> {
    final T value;
    final byte[] rejected;
    final URI redirect;

    private Outcome(T value, byte[] rejected, URI redirect) {
      this.value = value;
      this.rejected = rejected;
      this.redirect = redirect;
    }

    static <T> Outcome<T> value(T value) {
      return new Outcome<>(value, null, null);
    }

    /** A buffered 401: its body cut to the bound (the subscriber reads one byte more to tell). */
    static <T> Outcome<T> rejected(byte[] body) {
      int bound = TokenRequest.MAX_RESPONSE_BYTES;
      return new Outcome<>(null, body.length > bound ? Arrays.copyOf(body, bound) : body, null);
    }

    static <T> Outcome<T> redirect(URI target) {
      return new Outcome<>(null, null, target);
    }
  }

  /** Getting a token and sending one hop: blocking or not. */
  abstract static class Io {
    abstract CompletableFuture<AccessToken> token(TokenAuthorizer authorizer);

    /** Completes with null when the provider has no other token. */
    abstract CompletableFuture<AccessToken> tokenForRetry(TokenAuthorizer authorizer, AccessToken rejected);

    abstract <B> CompletableFuture<HttpResponse<B>> send(HttpClient client, HttpRequest request, BodyHandler<B> handler,
        PushPromiseHandler<B> push);
  }

  /** Blocks on the caller's thread: {@link TokenAuthorizer#token()} and {@link HttpClient#send}. */
  static final class Blocking extends Io {
    static final Blocking INSTANCE = new Blocking();

    @Override
    CompletableFuture<AccessToken> token(TokenAuthorizer authorizer) {
      return blocking(authorizer::token);
    }

    @Override
    CompletableFuture<AccessToken> tokenForRetry(TokenAuthorizer authorizer, AccessToken rejected) {
      return blocking(() -> authorizer.tokenForRetry(rejected));
    }

    private static CompletableFuture<AccessToken> blocking(Callable<AccessToken> call) {
      try {
        return CompletableFuture.completedFuture(call.call());
      } catch (InterruptedIOException e) {
        // HttpClient.send reports an interrupt as InterruptedException, with the flag cleared.
        Thread.interrupted();
        InterruptedException interrupted = new InterruptedException("interrupted while waiting for a token");
        interrupted.initCause(e.getCause());
        return CompletableFuture.failedFuture(interrupted);
      } catch (Exception e) {
        return CompletableFuture.failedFuture(e);
      }
    }

    @Override
    <B> CompletableFuture<HttpResponse<B>> send(HttpClient client, HttpRequest request, BodyHandler<B> handler,
        PushPromiseHandler<B> push) {
      try {
        return CompletableFuture.completedFuture(client.send(request, handler));
      } catch (IOException | InterruptedException | RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
  }

  /** Never blocks: {@link TokenAuthorizer#tokenAsync()} and {@link HttpClient#sendAsync}. */
  static final class Async extends Io {
    static final Async INSTANCE = new Async();

    @Override
    CompletableFuture<AccessToken> token(TokenAuthorizer authorizer) {
      return authorizer.tokenAsync();
    }

    @Override
    CompletableFuture<AccessToken> tokenForRetry(TokenAuthorizer authorizer, AccessToken rejected) {
      return authorizer.tokenForRetryAsync(rejected);
    }

    @Override
    <B> CompletableFuture<HttpResponse<B>> send(HttpClient client, HttpRequest request, BodyHandler<B> handler,
        PushPromiseHandler<B> push) {
      return push == null ? client.sendAsync(request, handler) : client.sendAsync(request, handler, push);
    }
  }
}
