package io.github.osdatahub.oauth2;

import io.github.osdatahub.oauth2.internal.SharedExecutor;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * Holds one token, hands it out without locks or allocation, and renews it ahead of expiry with
 * exactly one request in flight, whatever the number of callers.
 *
 * <p>For a token of lifetime L, measured on the monotonic clock from when its request was sent:
 * <ul>
 *   <li>until {@code L - min(60 s, L/4)} (less up to a tenth of that margin as jitter) callers get the
 *       cached token from one volatile read: no lock, no allocation, no clock read;
 *   <li>from then until hard expiry at {@code L - min(30 s, L/10)}, the first caller starts one
 *       background refresh and every caller keeps getting the current token at once;
 *   <li>past hard expiry, callers wait for the one refresh in flight, each up to its own
 *       {@link Builder#maxWait(Duration) maxWait} (default 20 s).
 * </ul>
 * The state changes are made by a timer task at those deadlines (and every
 * {@link Builder#clockCheckInterval(Duration) 5 s} while a token is held, to catch a wall clock that
 * jumped, as after a suspend). The slow path re-reads both clocks and expires on whichever says so
 * first; a token an API still rejects is caught by {@link #invalidate(AccessToken)}.
 *
 * <p>A failed refresh while the token is still valid keeps the token in service (stale-if-error)
 * and retries after an exponential backoff with full jitter (1 s doubling to 60 s, or the server's
 * {@code Retry-After} if longer). A {@link CredentialsRejectedException} is remembered for 30 s:
 * callers get it at once, without a token request each.
 *
 * <pre>{@code
 * CachingTokenProvider provider = CachingTokenProvider.builder(tokenClient).build();
 * String header = provider.token().authorizationHeader();   // "Bearer ..."
 * }</pre>
 */
public final class CachingTokenProvider implements TokenProvider, AutoCloseable {
  private static final int FRESH = 0;
  private static final int REFRESH_DUE = 1;
  private static final int EXPIRED = 2;
  private static final int CLOSED = 3;

  /** An immutable view of the cache: the token and what callers should do with it. */
  private static final class Snapshot {
    final AccessToken token; // null when there is none
    final int state;
    final long refreshAtNanos;
    final long expireAtNanos;
    final long refreshAtWallMillis;
    final long expireAtWallMillis;

    Snapshot(AccessToken token, int state, long refreshAtNanos, long expireAtNanos,
        long refreshAtWallMillis, long expireAtWallMillis) {
      this.token = token;
      this.state = state;
      this.refreshAtNanos = refreshAtNanos;
      this.expireAtNanos = expireAtNanos;
      this.refreshAtWallMillis = refreshAtWallMillis;
      this.expireAtWallMillis = expireAtWallMillis;
    }

    Snapshot withState(int newState) {
      return new Snapshot(token, newState, refreshAtNanos, expireAtNanos, refreshAtWallMillis, expireAtWallMillis);
    }

    /** The state the clocks say, never earlier than the current one. */
    int stateAt(long nowNanos, long nowWallMillis) {
      if (token == null || state >= EXPIRED) {
        return state == CLOSED ? CLOSED : EXPIRED;
      }
      if (nowNanos - expireAtNanos >= 0 || nowWallMillis >= expireAtWallMillis) {
        return EXPIRED;
      }
      if (nowNanos - refreshAtNanos >= 0 || nowWallMillis >= refreshAtWallMillis) {
        return Math.max(state, REFRESH_DUE);
      }
      return state;
    }
  }

  /** The last failure and when the next attempt may start. */
  private static final class Failure {
    final OsOAuth2Exception error;
    final long retryNotBeforeNanos;
    final int consecutive;

    Failure(OsOAuth2Exception error, long retryNotBeforeNanos, int consecutive) {
      this.error = error;
      this.retryNotBeforeNanos = retryNotBeforeNanos;
      this.consecutive = consecutive;
    }
  }

  private static final Snapshot EMPTY = new Snapshot(null, EXPIRED, 0, 0, 0, 0);
  private static final VarHandle SNAPSHOT;

  static {
    try {
      SNAPSHOT = MethodHandles.lookup().findVarHandle(CachingTokenProvider.class, "snapshot", Snapshot.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // written through SNAPSHOT
  private volatile Snapshot snapshot = EMPTY;
  private final AtomicReference<CompletableFuture<AccessToken>> inFlight = new AtomicReference<>();
  private volatile Failure failure;
  private TimeSource.Cancellable tick; // guarded by this

  private final TokenClient client;
  private final TimeSource time;
  private final Executor executor;
  private final TokenListener listener;
  private final DoubleSupplier random;
  private final long maxWaitNanos;
  private final Duration refreshAheadMax;
  private final double refreshAheadFraction;
  private final Duration expiryMarginMax;
  private final double expiryMarginFraction;
  private final double jitterFraction;
  private final long initialBackoffNanos;
  private final long maxBackoffNanos;
  private final long credentialsRejectedBackoffNanos;
  private final long clockCheckNanos;

  private final LongAdder refreshes = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder invalidations = new LongAdder();

  private CachingTokenProvider(Builder b) {
    this.client = b.client;
    this.time = b.time != null ? b.time : b.client.timeSource();
    this.executor = b.executor != null ? b.executor : SharedExecutor.get();
    this.listener = b.listener;
    this.random = b.random;
    this.maxWaitNanos = b.maxWait.toNanos();
    this.refreshAheadMax = b.refreshAheadMax;
    this.refreshAheadFraction = b.refreshAheadFraction;
    this.expiryMarginMax = b.expiryMarginMax;
    this.expiryMarginFraction = b.expiryMarginFraction;
    this.jitterFraction = b.jitterFraction;
    this.initialBackoffNanos = b.initialBackoff.toNanos();
    this.maxBackoffNanos = b.maxBackoff.toNanos();
    this.credentialsRejectedBackoffNanos = b.credentialsRejectedBackoff.toNanos();
    this.clockCheckNanos = b.clockCheckInterval.toNanos();
  }

  /**
   * A builder over a token client.
   *
   * @param client does the token exchanges
   * @return the builder
   */
  public static Builder builder(TokenClient client) {
    return new Builder(client);
  }

  // ---------------------------------------------------------------- hot path

  @Override
  public AccessToken token() {
    Snapshot s = snapshot;
    if (s.state == FRESH) {
      return s.token;
    }
    return slowToken();
  }

  @Override
  public CompletableFuture<AccessToken> tokenAsync() {
    Snapshot s = snapshot;
    if (s.state == FRESH) {
      return CompletableFuture.completedFuture(s.token);
    }
    try {
      AccessToken usable = usableOrStartRefresh();
      if (usable != null) {
        return CompletableFuture.completedFuture(usable);
      }
      return waiter(true);
    } catch (OsOAuth2Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  // ---------------------------------------------------------------- slow path

  private AccessToken slowToken() {
    AccessToken usable = usableOrStartRefresh();
    if (usable != null) {
      return usable;
    }
    CompletableFuture<AccessToken> w = waiter(false);
    try {
      return w.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenUnavailableException("interrupted while waiting for a token", OsOAuth2Exception.NO_STATUS,
          null, e);
    } catch (ExecutionException e) {
      throw rethrowable(e.getCause());
    }
  }

  /**
   * Re-reads the clocks; returns a token that may be served now (starting a background refresh
   * when one is due), or null when the caller must wait for the refresh this call made sure is in
   * flight. Throws the remembered failure while backing off with no usable token.
   */
  private AccessToken usableOrStartRefresh() {
    long now = time.nanoTime();
    Snapshot s = advanceState(now, time.currentTimeMillis());
    if (s.state == CLOSED) {
      throw closed();
    }
    Failure f = failure;
    boolean backingOff = f != null && now - f.retryNotBeforeNanos < 0;
    if (s.state == FRESH) {
      return s.token;
    }
    if (s.state == REFRESH_DUE) {
      if (!backingOff) {
        startRefresh();
      }
      return s.token;
    }
    if (backingOff && inFlight.get() == null) {
      throw f.error;
    }
    startRefresh();
    return null;
  }

  /** Moves the snapshot to the state the clocks say; returns the snapshot now current. */
  private Snapshot advanceState(long nowNanos, long nowWallMillis) {
    while (true) {
      Snapshot s = snapshot;
      int target = s.stateAt(nowNanos, nowWallMillis);
      if (target == s.state) {
        return s;
      }
      Snapshot next = s.withState(target);
      if (SNAPSHOT.compareAndSet(this, s, next)) {
        return next;
      }
    }
  }

  /**
   * A future for one waiting caller: the refresh in flight, bounded by maxWait on the time source.
   * For {@link #tokenAsync()} callers it completes on the executor, so their continuations never run
   * on a transport's I/O thread; a {@link #token()} caller is woken directly.
   */
  private CompletableFuture<AccessToken> waiter(boolean async) {
    CompletableFuture<AccessToken> refresh = inFlight.get();
    if (refresh == null) {
      // The refresh finished between the check and now: its outcome is in the snapshot or failure.
      Snapshot s = snapshot;
      if (s.state == FRESH || s.state == REFRESH_DUE) {
        return CompletableFuture.completedFuture(s.token);
      }
      if (s.state == CLOSED) {
        return CompletableFuture.failedFuture(closed());
      }
      Failure f = failure;
      return CompletableFuture.failedFuture(f != null ? f.error
          : new TokenUnavailableException("no token is available", OsOAuth2Exception.NO_STATUS, null, null));
    }
    CompletableFuture<AccessToken> result = new CompletableFuture<>();
    TimeSource.Cancellable timeout = time.schedule(() -> result.completeExceptionally(new TokenUnavailableException(
        "no token within " + Duration.ofNanos(maxWaitNanos) + " (a token request is still in flight)",
        OsOAuth2Exception.NO_STATUS, null, lastError())), maxWaitNanos);
    java.util.function.BiConsumer<AccessToken, Throwable> deliver = (token, error) -> {
      timeout.cancel();
      if (error != null) {
        result.completeExceptionally(rethrowable(error));
      } else {
        result.complete(token);
      }
    };
    if (async) {
      refresh.whenCompleteAsync(deliver, executor);
    } else {
      refresh.whenComplete(deliver);
    }
    return result;
  }

  private Throwable lastError() {
    Failure f = failure;
    return f == null ? null : f.error;
  }

  /** Starts one refresh unless one is in flight. Single flight by CAS on the in-flight future. */
  private void startRefresh() {
    if (inFlight.get() != null) {
      return;
    }
    CompletableFuture<AccessToken> mine = new CompletableFuture<>();
    if (!inFlight.compareAndSet(null, mine)) {
      return;
    }
    Snapshot now = snapshot;
    if (now.state == FRESH || now.state == CLOSED) {
      // Another refresh completed, or close() ran, between our check and the CAS: nothing to fetch.
      inFlight.set(null);
      if (now.state == FRESH) {
        mine.complete(now.token);
      } else {
        mine.completeExceptionally(closed());
      }
      return;
    }
    refreshes.increment();
    // fetchAsync does not block (the transport is asynchronous), so the refresh starts on this thread
    // and completes on the transport's: no executor thread is needed for a token to arrive, and a
    // saturated executor (say, the very pool whose threads are waiting for the token) cannot stall it.
    CompletableFuture<AccessToken> exchange;
    try {
      exchange = client.fetchAsync();
    } catch (RuntimeException e) {
      exchange = CompletableFuture.failedFuture(e);
    }
    exchange.whenComplete((token, error) -> complete(mine, token, error));
  }

  private void complete(CompletableFuture<AccessToken> mine, AccessToken token, Throwable error) {
    if (token != null) {
      install(token);
      failure = null;
      inFlight.compareAndSet(mine, null);
      mine.complete(token);
      notify(() -> listener.onTokenFetched(token));
      return;
    }
    OsOAuth2Exception e = rethrowable(error);
    failures.increment();
    Failure previous = failure;
    int consecutive = previous == null ? 1 : previous.consecutive + 1;
    failure = new Failure(e, time.nanoTime() + backoffNanos(e, consecutive), consecutive);
    inFlight.compareAndSet(mine, null);
    mine.completeExceptionally(e);
    boolean serving = snapshot.state == FRESH || snapshot.state == REFRESH_DUE;
    notify(() -> listener.onRefreshFailed(e, serving));
  }

  private long backoffNanos(OsOAuth2Exception e, int consecutive) {
    if (e instanceof CredentialsRejectedException) {
      return credentialsRejectedBackoffNanos;
    }
    long bound = initialBackoffNanos << Math.min(consecutive - 1, 30);
    if (bound <= 0 || bound > maxBackoffNanos) {
      bound = maxBackoffNanos;
    }
    long jittered = Math.max(1_000_000L, (long) (random.getAsDouble() * bound)); // full jitter, 1 ms floor
    if (e instanceof RateLimitedException) {
      long asked = ((RateLimitedException) e).retryAfter().map(Duration::toNanos).orElse(0L);
      jittered = Math.max(jittered, Math.min(asked, maxBackoffNanos));
    }
    return jittered;
  }

  /** Makes a fetched token current and schedules the timer that ages it. */
  private void install(AccessToken token) {
    long lifetime = token.lifetime().toNanos();
    long refreshMargin = Math.min(refreshAheadMax.toNanos(), (long) (lifetime * refreshAheadFraction));
    refreshMargin += (long) (refreshMargin * jitterFraction * random.getAsDouble());
    long expiryMargin = Math.min(expiryMarginMax.toNanos(), (long) (lifetime * expiryMarginFraction));
    refreshMargin = Math.max(refreshMargin, expiryMargin);
    long sent = token.sentAtNanos();
    long expiresWall = token.expiresAt().toEpochMilli();
    Snapshot next = new Snapshot(token, FRESH, sent + lifetime - refreshMargin, sent + lifetime - expiryMargin,
        expiresWall - refreshMargin / 1_000_000L, expiresWall - expiryMargin / 1_000_000L);
    while (true) {
      Snapshot s = snapshot;
      if (s.state == CLOSED) {
        return;
      }
      if (SNAPSHOT.compareAndSet(this, s, next)) {
        break;
      }
    }
    // A token fetched from the far side of a clock change may already be due: age it at once.
    advanceState(time.nanoTime(), time.currentTimeMillis());
    scheduleTick();
  }

  /**
   * One timer task chain per provider: runs at the next deadline, or a clock check, whichever is
   * first. Synchronized (no I/O inside) so that a tick and a token install racing cannot leave two
   * chains running.
   */
  private synchronized void scheduleTick() {
    TimeSource.Cancellable previous = tick;
    if (previous != null) {
      previous.cancel();
    }
    Snapshot s = snapshot;
    if (s.token == null || s.state >= EXPIRED) {
      tick = null;
      return;
    }
    long now = time.nanoTime();
    long next = s.state == FRESH ? s.refreshAtNanos : s.expireAtNanos;
    long delay = Math.max(0, Math.min(next - now, clockCheckNanos));
    tick = time.schedule(this::onTick, delay);
  }

  private void onTick() {
    advanceState(time.nanoTime(), time.currentTimeMillis());
    scheduleTick(); // stops the chain itself once the token is expired or gone
  }

  @Override
  public void invalidate(AccessToken rejected) {
    if (rejected == null) {
      return;
    }
    while (true) {
      Snapshot s = snapshot;
      if (s.token == null || s.state >= EXPIRED || !s.token.equals(rejected)) {
        return; // an older token, or already dropped: nothing to do
      }
      if (SNAPSHOT.compareAndSet(this, s, EMPTY)) {
        break;
      }
    }
    invalidations.increment();
    notify(() -> listener.onTokenInvalidated(rejected));
    Failure f = failure;
    if (f == null || time.nanoTime() - f.retryNotBeforeNanos >= 0) {
      startRefresh();
    }
  }

  /**
   * The counters: token requests sent (retries included), refreshes started, refreshes failed,
   * tokens invalidated.
   *
   * @return a snapshot of the counters
   */
  public TokenStats stats() {
    return new TokenStats(client.requestsSent(), refreshes.sum(), failures.sum(), invalidations.sum());
  }

  /**
   * Stops the timer, fails callers waiting for a token and makes every later call fail with a
   * {@link TokenUnavailableException}. A given executor is not shut down: it is the caller's.
   */
  @Override
  public void close() {
    Snapshot closed = new Snapshot(null, CLOSED, 0, 0, 0, 0);
    Snapshot s;
    do {
      s = snapshot;
      if (s.state == CLOSED) {
        return;
      }
    } while (!SNAPSHOT.compareAndSet(this, s, closed));
    scheduleTick(); // the snapshot is closed: this cancels the pending tick and schedules none
    CompletableFuture<AccessToken> f = inFlight.getAndSet(null);
    if (f != null) {
      f.completeExceptionally(closed());
    }
  }

  private static TokenUnavailableException closed() {
    return new TokenUnavailableException("the token provider is closed", OsOAuth2Exception.NO_STATUS, null, null);
  }

  /** Runs a listener call on the executor: it is user code, kept off callers' and I/O threads. */
  private void notify(Runnable call) {
    if (listener == null) {
      return;
    }
    try {
      executor.execute(() -> {
        try {
          call.run();
        } catch (RuntimeException ignored) {
          // A listener's failure must not break token delivery.
        }
      });
    } catch (RuntimeException rejected) {
      // A saturated or shut-down executor loses a notification, never a token.
    }
  }

  private static OsOAuth2Exception rethrowable(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof OsOAuth2Exception) {
      return (OsOAuth2Exception) e;
    }
    if (e instanceof CancellationException) {
      return new TokenUnavailableException("the token request was cancelled", OsOAuth2Exception.NO_STATUS, null, e);
    }
    return new TokenUnavailableException("the token request failed: " + e.getClass().getSimpleName(),
        OsOAuth2Exception.NO_STATUS, null, e);
  }

  @Override
  public String toString() {
    Snapshot s = snapshot;
    String state = new String[] {"fresh", "refresh due", "expired", "closed"}[s.state];
    return "CachingTokenProvider[" + state + (s.token == null ? "" : ", " + s.token) + "]";
  }

  /**
   * Configures a {@link CachingTokenProvider}. Every duration is validated when set; the defaults
   * suit OS's 299 s tokens and are listed in the core README.
   */
  public static final class Builder {
    private final TokenClient client;
    private TimeSource time;
    private Executor executor;
    private TokenListener listener;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private Duration maxWait = Duration.ofSeconds(20);
    private Duration refreshAheadMax = Duration.ofSeconds(60);
    private double refreshAheadFraction = 0.25;
    private Duration expiryMarginMax = Duration.ofSeconds(30);
    private double expiryMarginFraction = 0.10;
    private double jitterFraction = 0.10;
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofSeconds(60);
    private Duration credentialsRejectedBackoff = Duration.ofSeconds(30);
    private Duration clockCheckInterval = Duration.ofSeconds(5);

    private Builder(TokenClient client) {
      this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * The clocks and timer; default the client's.
     *
     * @param time the time source
     * @return this builder
     */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "timeSource");
      return this;
    }

    /**
     * Where listener calls and {@link CachingTokenProvider#tokenAsync()} continuations run; default a
     * shared pool of daemon threads, created on first use. Token requests need no thread of it: they
     * are asynchronous and complete on the transport's own threads.
     *
     * @param executor the executor; not shut down by {@link CachingTokenProvider#close()}
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Hooks for logging and metrics.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(TokenListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The most a {@link CachingTokenProvider#token()} caller waits when there is no valid token;
     * default 20 s.
     *
     * @param maxWait positive
     * @return this builder
     */
    public Builder maxWait(Duration maxWait) {
      this.maxWait = TokenClient.Builder.positive("maxWait", maxWait);
      return this;
    }

    /**
     * How early to refresh: {@code min(max, fraction × lifetime)} before expiry; default
     * {@code min(60 s, L/4)}.
     *
     * @param max positive
     * @param fraction above 0 and below 1
     * @return this builder
     */
    public Builder refreshAhead(Duration max, double fraction) {
      this.refreshAheadMax = TokenClient.Builder.positive("refreshAhead max", max);
      this.refreshAheadFraction = fraction("refreshAhead fraction", fraction);
      return this;
    }

    /**
     * How early a token counts as expired: {@code min(max, fraction × lifetime)} before its end;
     * default {@code min(30 s, L/10)}. Must not be earlier than the refresh-ahead point.
     *
     * @param max positive
     * @param fraction above 0 and below 1
     * @return this builder
     */
    public Builder expiryMargin(Duration max, double fraction) {
      this.expiryMarginMax = TokenClient.Builder.positive("expiryMargin max", max);
      this.expiryMarginFraction = fraction("expiryMargin fraction", fraction);
      return this;
    }

    /**
     * Random spread added to the refresh-ahead margin, as a fraction of it, so that many processes
     * started together do not refresh together; default 0.10.
     *
     * @param jitterFraction 0 to 0.5
     * @return this builder
     */
    public Builder jitter(double jitterFraction) {
      if (!(jitterFraction >= 0 && jitterFraction <= 0.5)) {
        throw new IllegalArgumentException("jitter must be 0 to 0.5, was " + jitterFraction);
      }
      this.jitterFraction = jitterFraction;
      return this;
    }

    /**
     * Backoff between failed refreshes: full jitter under a bound that starts here and doubles;
     * default 1 s to 60 s.
     *
     * @param initial positive
     * @param max positive, not below initial
     * @return this builder
     */
    public Builder failureBackoff(Duration initial, Duration max) {
      TokenClient.Builder.positive("failureBackoff initial", initial);
      TokenClient.Builder.positive("failureBackoff max", max);
      if (initial.compareTo(max) > 0) {
        throw new IllegalArgumentException("failureBackoff initial (" + initial + ") exceeds max (" + max + ")");
      }
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /**
     * How long a {@link CredentialsRejectedException} is remembered and rethrown without a new
     * token request; default 30 s.
     *
     * @param backoff positive
     * @return this builder
     */
    public Builder credentialsRejectedBackoff(Duration backoff) {
      this.credentialsRejectedBackoff = TokenClient.Builder.positive("credentialsRejectedBackoff", backoff);
      return this;
    }

    /**
     * How often, while a token is held, the timer re-reads the wall clock (to catch a jump such as
     * a resume from suspend); default 5 s.
     *
     * @param interval positive
     * @return this builder
     */
    public Builder clockCheckInterval(Duration interval) {
      this.clockCheckInterval = TokenClient.Builder.positive("clockCheckInterval", interval);
      return this;
    }

    /** For tests: the source of jitter, values in [0, 1). */
    Builder random(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random);
      return this;
    }

    /**
     * Builds the provider. No thread starts until the first token is asked for.
     *
     * @return the provider
     */
    public CachingTokenProvider build() {
      if (expiryMarginFraction >= refreshAheadFraction && expiryMarginMax.compareTo(refreshAheadMax) >= 0) {
        throw new IllegalArgumentException("expiryMargin must be smaller than refreshAhead, or no refresh-ahead "
            + "window is left");
      }
      return new CachingTokenProvider(this);
    }

    private static double fraction(String name, double f) {
      if (!(f > 0 && f < 1)) {
        throw new IllegalArgumentException(name + " must be above 0 and below 1, was " + f);
      }
      return f;
    }
  }
}
