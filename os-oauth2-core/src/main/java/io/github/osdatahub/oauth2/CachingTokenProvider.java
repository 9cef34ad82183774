package io.github.osdatahub.oauth2;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * Holds one token, hands it out without locks or allocation, and renews it ahead of expiry with
 * exactly one request in flight, whatever the number of callers. Its phases, backoff and defaults
 * are described once, in the core README ("The cache").
 *
 * <p>Promises, each held by a seeded stress test of interleaved calls:
 * <ol>
 *   <li>Never two token requests in flight at once.
 *   <li>A call that starts after {@code invalidate(t)} has returned never gets {@code t}.
 *   <li>No token request is started after {@link #close()} has returned, and the one in flight is
 *       cancelled.
 *   <li>No caller is handed a token past its hard expiry: a token that arrives after it counts as a
 *       failed refresh, and the timer ages the cached token at each deadline (the hot path reads no
 *       clock, so it trails the clock by no more than the timer's own delay in running a due task).
 *   <li>The future from {@link #tokenAsync()}, when it is not already complete, completes on the
 *       executor, never on a timer or transport thread.
 *   <li>Listener calls run on the executor one at a time, in the order of the events; once
 *       {@link #close()} has returned, events still queued are dropped (a call already being made
 *       finishes).
 * </ol>
 */
public final class CachingTokenProvider implements TokenProvider, AutoCloseable {
  // A token just published, before its timer is armed and the clocks confirm it fresh: readers check the clocks
  // themselves (the slow path), so a clock that moved past its deadlines meanwhile is never missed.
  private static final int UNCONFIRMED = -1;
  private static final int FRESH = 0;
  private static final int REFRESH_DUE = 1;
  private static final int EXPIRED = 2;
  private static final int CLOSED = 3;

  // The whole state, swapped by compare-and-set (of references, never records' equals): the token, the refresh
  // in flight and the last failure since the last success in one reference make each transition (publish a
  // token and end its refresh, drop a rejected token and claim the next refresh, close) one atomic step.
  private record Snapshot(AccessToken token, int state, long refreshAtNanos, long expireAtNanos,
      long refreshAtWallMillis, long expireAtWallMillis, Refresh refresh, Failure failure) {
    Snapshot with(int newState, Refresh newRefresh, Failure newFailure) {
      return new Snapshot(token, newState, refreshAtNanos, expireAtNanos, refreshAtWallMillis, expireAtWallMillis,
          newRefresh, newFailure);
    }

    /** The state the clocks say, never earlier than the current one. */
    int stateAt(long nowNanos, long nowWallMillis) {
      return token == null || state >= EXPIRED ? state
          : nowNanos - expireAtNanos >= 0 || nowWallMillis >= expireAtWallMillis ? EXPIRED
          : nowNanos - refreshAtNanos >= 0 || nowWallMillis >= refreshAtWallMillis ? Math.max(state, REFRESH_DUE)
          : Math.max(state, FRESH);
    }

    boolean backingOff(long nowNanos) {
      return failure != null && nowNanos - failure.retryNotBeforeNanos < 0;
    }
  }

  /** The last failure and when the next attempt may start. */
  private record Failure(OsOAuth2Exception error, long retryNotBeforeNanos, int consecutive) {}

  // One refresh: the future its waiters follow, and the exchange it started. Starting and cancelling
  // hold its monitor, so close() either stops a refresh before its request reaches the transport or
  // cancels that request: never neither. No I/O under it: fetchAsync only hands the request over.
  private static final class Refresh {
    final CompletableFuture<AccessToken> result = new CompletableFuture<>();
    private CompletableFuture<AccessToken> exchange; // guarded by this
    private boolean cancelled; // guarded by this

    synchronized CompletableFuture<AccessToken> start(TokenClient client) {
      if (cancelled) {
        return null;
      }
      try {
        exchange = client.fetchAsync();
      } catch (RuntimeException e) {
        exchange = CompletableFuture.failedFuture(e);
      }
      return exchange;
    }

    synchronized void cancel() {
      cancelled = true;
      if (exchange != null) {
        exchange.cancel(true);
      }
    }
  }

  private static final Snapshot EMPTY = new Snapshot(null, EXPIRED, 0, 0, 0, 0, null, null);
  private static final Snapshot CLOSED_SNAPSHOT = new Snapshot(null, CLOSED, 0, 0, 0, 0, null, null);
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
  private TimeSource.Cancellable tick; // guarded by this

  private final TokenClient client;
  private final boolean ownsTransport; // discovered, so ours to close
  private final TimeSource time;
  private final Executor executor;
  private final ListenerCalls listenerCalls;
  private final DoubleSupplier random;
  private final long maxWaitNanos;
  private final Duration refreshAheadMax;
  private final double refreshAheadFraction;
  private final Duration expiryMarginMax;
  private final double expiryMarginFraction;
  private final double jitterFraction;
  private final long initialBackoffNanos;
  private final long maxBackoffNanos;
  private final long noTokenMaxBackoffNanos;
  private final long credentialsRejectedBackoffNanos;
  private final long clockCheckNanos;

  private final LongAdder refreshes = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder invalidations = new LongAdder();

  CachingTokenProvider(TokenClient client, OsOAuth2.Builder b) {
    if (b.expiryMarginFraction >= b.refreshAheadFraction && b.expiryMarginMax.compareTo(b.refreshAheadMax) >= 0) {
      throw new IllegalArgumentException("expiryMargin must be smaller than refreshAhead, or no refresh-ahead "
          + "window is left");
    }
    this.client = client;
    this.ownsTransport = b.transport == null;
    this.time = b.time;
    this.executor = b.executorOrShared();
    this.listenerCalls = new ListenerCalls(b.listener, executor);
    this.random = b.random;
    this.maxWaitNanos = b.maxWait.toNanos();
    this.refreshAheadMax = b.refreshAheadMax;
    this.refreshAheadFraction = b.refreshAheadFraction;
    this.expiryMarginMax = b.expiryMarginMax;
    this.expiryMarginFraction = b.expiryMarginFraction;
    this.jitterFraction = b.jitterFraction;
    this.initialBackoffNanos = b.failureBackoff.toNanos();
    this.maxBackoffNanos = b.maxFailureBackoff.toNanos();
    this.noTokenMaxBackoffNanos = Math.min(b.noTokenMaxBackoff.toNanos(), maxBackoffNanos);
    this.credentialsRejectedBackoffNanos = b.credentialsRejectedBackoff.toNanos();
    this.clockCheckNanos = b.clockCheckInterval.toNanos();
  }

  @Override
  public AccessToken token() {
    Snapshot s = snapshot;
    return s.state == FRESH ? s.token : slowToken();
  }

  @Override
  public CompletableFuture<AccessToken> tokenAsync() {
    Snapshot s = snapshot;
    if (s.state == FRESH) {
      return CompletableFuture.completedFuture(s.token);
    }
    try {
      Object usable = acquire(true);
      return usable instanceof AccessToken token ? CompletableFuture.completedFuture(token)
          : waiter((Refresh) usable, true);
    } catch (OsOAuth2Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * A token with at least {@code minRemaining} left before it expires, by this provider's wall clock.
   * When the cached one has less, this waits (up to {@code maxWait}) for the refresh in flight, starting
   * one if none is and the backoff allows, and never drops the cached token: other callers keep it while
   * it is valid, and a failed refresh fails only this future.
   *
   * @param minRemaining the least time the token must have left; zero or more
   * @return a future of such a token; failed with a {@link TokenUnavailableException}, and no request made,
   *     when the endpoint's tokens live less than that, or when even a freshly fetched one has less left; or
   *     with the refresh's own
   *     {@link OsOAuth2Exception}; when not already complete, it completes on the executor
   */
  @Override
  public CompletableFuture<AccessToken> tokenAsync(Duration minRemaining) {
    if (minRemaining.isNegative()) {
      throw new IllegalArgumentException("minRemaining must not be negative: " + minRemaining);
    }
    long minMillis = minRemaining.toMillis();
    // A token whose whole lifetime is shorter than asked cannot be renewed into one that lasts: fail without a
    // request, or every call would make one.
    return tokenAsync().thenCompose(token -> lasts(token, minMillis) ? CompletableFuture.completedFuture(token)
        : token.lifetime().toMillis() < minMillis ? checked(token, minMillis) : renewed(token, minMillis));
  }

  private boolean lasts(AccessToken token, long minMillis) {
    return token.expiresAt().toEpochMilli() - time.currentTimeMillis() >= minMillis;
  }

  // Waits for a token newer than the one that lasts too little, claiming the refresh that brings it when none is in
  // flight. The claim marks the token refresh-due rather than dropping it (as invalidate would), so the cache keeps
  // serving it until its own deadlines say otherwise.
  private CompletableFuture<AccessToken> renewed(AccessToken tooShort, long minMillis) {
    long now = time.nanoTime();
    long wall = time.currentTimeMillis();
    while (true) {
      Snapshot s = snapshot;
      if (s.state == CLOSED) {
        return CompletableFuture.failedFuture(closed());
      }
      if (s.token != null && !s.token.equals(tooShort) && s.stateAt(now, wall) < EXPIRED) {
        return checked(s.token, minMillis); // renewed meanwhile
      }
      Refresh inFlight = s.refresh;
      boolean claimed = inFlight == null;
      if (claimed) {
        if (s.backingOff(now)) {
          return CompletableFuture.failedFuture(s.failure.error);
        }
        inFlight = new Refresh();
        int state = s.token == null ? s.state : Math.max(s.state, REFRESH_DUE);
        if (!SNAPSHOT.compareAndSet(this, s, s.with(state, inFlight, s.failure))) {
          continue;
        }
      }
      listenerCalls.post(TokenListener::onCallerWaiting); // before the refresh is sent: see acquire
      if (claimed) {
        launch(inFlight);
      }
      return waiter(inFlight, true).thenCompose(token -> checked(token, minMillis));
    }
  }

  private CompletableFuture<AccessToken> checked(AccessToken token, long minMillis) {
    return lasts(token, minMillis) ? CompletableFuture.completedFuture(token)
        : CompletableFuture.failedFuture(new TokenUnavailableException("the token endpoint's tokens last "
            + token.lifetime() + ", less than the " + Duration.ofMillis(minMillis) + " asked for", null));
  }

  private AccessToken slowToken() {
    Object usable = acquire(true);
    try {
      return usable instanceof AccessToken token ? token : waiter((Refresh) usable, false).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenUnavailableException("interrupted while waiting for a token", e);
    } catch (ExecutionException e) {
      throw rethrowable(e.getCause());
    }
  }

  // Re-reads the clocks and returns a token to serve now (claiming a background refresh when due) or the Refresh
  // to wait for (claiming one when none is in flight); throws while backing off with no usable token, or when
  // closed. Each claim is a CAS of the whole snapshot, so the backoff it checked is the one in force then. A new caller
  // that will wait is reported before the refresh it claims is sent: a quick answer would otherwise settle, and report
  // that refresh, first (a refresh another thread claimed may still end before it; that order is the threads').
  private Object acquire(boolean newCaller) {
    long now = time.nanoTime();
    long wall = time.currentTimeMillis();
    while (true) {
      Snapshot s = snapshot;
      int target = s.stateAt(now, wall);
      if (target == CLOSED) {
        throw closed();
      }
      if (target == FRESH) {
        return s.token;
      }
      Refresh mine = s.refresh == null && !s.backingOff(now) ? new Refresh() : null;
      if (target != s.state || mine != null) {
        if (!SNAPSHOT.compareAndSet(this, s, s.with(target, mine != null ? mine : s.refresh, s.failure))) {
          continue;
        }
      }
      Refresh inFlight = mine != null ? mine : s.refresh;
      if (newCaller && target != REFRESH_DUE && inFlight != null) {
        listenerCalls.post(TokenListener::onCallerWaiting);
      }
      if (mine != null) {
        launch(mine);
      }
      if (target == REFRESH_DUE) {
        return s.token;
      }
      if (inFlight != null) {
        return inFlight;
      }
      throw s.failure.error; // expired, none in flight, backing off
    }
  }

  // A future for one waiting caller (whoever found that it must wait has reported it), bounded by maxWait. When
  // the refresh it follows ends, the caller re-reads the cache rather than taking its result, so a token
  // invalidated (or closed) meanwhile is never handed out. An async one completes on the executor (promise 5).
  private CompletableFuture<AccessToken> waiter(Refresh refresh, boolean async) {
    CompletableFuture<AccessToken> result = new CompletableFuture<>();
    TimeSource.Cancellable timeout = time.schedule(() -> {
      Failure last = snapshot.failure;
      TokenUnavailableException late = new TokenUnavailableException("no token within "
          + Duration.ofNanos(maxWaitNanos) + " (a token request is still in flight)", last == null ? null : last.error);
      deliver(async, () -> result.completeExceptionally(late));
    }, maxWaitNanos);
    result.whenComplete((token, error) -> timeout.cancel());
    follow(refresh, result, async);
    return result;
  }

  private void follow(Refresh refresh, CompletableFuture<AccessToken> result, boolean async) {
    refresh.result.whenComplete((ignored, error) -> {
      if (result.isDone()) {
        return;
      }
      if (error != null) {
        OsOAuth2Exception e = rethrowable(error);
        deliver(async, () -> result.completeExceptionally(e));
        return;
      }
      Object next;
      try {
        next = acquire(false);
      } catch (OsOAuth2Exception e) {
        deliver(async, () -> result.completeExceptionally(e));
        return;
      }
      if (next instanceof AccessToken token) {
        deliver(async, () -> result.complete(token));
      } else {
        follow((Refresh) next, result, async);
      }
    });
  }

  /** Completes a waiter: an async one on the executor (or here, if the executor refuses). */
  private void deliver(boolean async, Runnable completion) {
    if (!async) {
      completion.run();
      return;
    }
    try {
      executor.execute(completion);
    } catch (RejectedExecutionException e) {
      completion.run(); // a shut-down executor must not leave a caller waiting forever
    }
  }

  /** Sends the token request of a refresh this thread has claimed. */
  private void launch(Refresh mine) {
    refreshes.increment();
    long started = time.nanoTime();
    // fetchAsync does not block, so the refresh starts on this thread and completes on the transport's: no executor
    // thread is needed for a token to arrive, and a saturated executor (say, the very pool whose threads are
    // waiting for the token) cannot stall it.
    CompletableFuture<AccessToken> exchange = mine.start(client);
    if (exchange != null) {
      exchange.whenComplete((token, error) -> {
        try {
          settle(mine, token, error, started);
        } catch (Throwable unexpected) {
          abandon(mine, unexpected);
        }
      });
    }
  }

  /**
   * Ends a refresh whose settling threw (an Error, or a clock or scheduler that failed): were it left in flight,
   * its waiters would wait out maxWait and every later caller would wait for it, no new request ever being sent.
   * A token already published stays (readers check it against the clocks until its timer is armed).
   */
  private void abandon(Refresh mine, Throwable unexpected) {
    Snapshot s;
    do {
      s = snapshot;
    } while (s.refresh == mine && !SNAPSHOT.compareAndSet(this, s, s.with(s.state, null, s.failure)));
    mine.result.completeExceptionally(new TokenUnavailableException("the token refresh failed unexpectedly",
        unexpected));
  }

  /** Ends a refresh: publishes its token, or records its failure, and wakes its waiters. */
  private void settle(Refresh mine, AccessToken token, Throwable error, long startedNanos) {
    long now = time.nanoTime();
    Duration elapsed = Duration.ofNanos(Math.max(0, now - startedNanos));
    long wall = time.currentTimeMillis();
    Snapshot fresh = token == null ? null : snapshotOf(token);
    OsOAuth2Exception failed = fresh == null ? rethrowable(error) : fresh.stateAt(now, wall) < EXPIRED ? null
        : new TokenUnavailableException("the token arrived after its usable lifetime (" + token.lifetime()
            + ", less the expiry margin): the token request took too long", null);
    Snapshot next;
    // Events queue in the order of the changes they report: each change and its event are made under one monitor,
    // so the next refresh (which may start once this token is published) cannot queue its event first. No I/O under it.
    synchronized (listenerCalls) {
      Snapshot s;
      do {
        s = snapshot;
        if (s.refresh != mine) {
          return; // closed meanwhile: close() has failed the waiters
        }
        if (failed == null) {
          int at = fresh.stateAt(now, wall);
          next = fresh.with(at == FRESH ? UNCONFIRMED : at, null, null); // FRESH once the timer is armed: below
        } else {
          int consecutive = s.failure == null ? 1 : s.failure.consecutive + 1;
          boolean holding = s.stateAt(now, wall) < EXPIRED;
          next = s.with(s.state, null, new Failure(failed, now + backoffNanos(failed, consecutive, holding),
              consecutive));
        }
      } while (!SNAPSHOT.compareAndSet(this, s, next));
      if (failed == null) {
        listenerCalls.post(listener -> listener.onTokenFetched(token));
      } else {
        OsOAuth2Exception e = failed;
        boolean serving = next.stateAt(now, wall) < EXPIRED;
        listenerCalls.post(listener -> listener.onRefreshFailed(e, serving));
      }
      boolean succeeded = failed == null;
      listenerCalls.post(listener -> listener.onRefreshCompleted(elapsed, succeeded));
    }
    if (failed == null) {
      // Arm the timer at the token's deadlines, then confirm the token fresh (or age it) by the clocks as they read
      // now: they may have moved since the read above, and the hot path reads none, so until this confirmation
      // readers take the slow path and read the clocks themselves.
      scheduleTick();
      advanceState(time.nanoTime(), time.currentTimeMillis());
      mine.result.complete(token);
    } else {
      failures.increment();
      mine.result.completeExceptionally(failed);
    }
  }

  private long backoffNanos(OsOAuth2Exception e, int consecutive, boolean holdingValidToken) {
    if (e instanceof CredentialsRejectedException) {
      return credentialsRejectedBackoffNanos;
    }
    // Holding a valid token, there is no hurry: back off long. Holding none, callers are failing, so
    // keep the bound low enough that recovery is seen within seconds of the endpoint's.
    long max = holdingValidToken ? maxBackoffNanos : noTokenMaxBackoffNanos;
    long bound = RetryPolicy.bound(initialBackoffNanos, consecutive, max);
    long jittered = Math.max(1_000_000L, (long) (random.getAsDouble() * bound)); // full jitter, 1 ms floor
    long asked = e instanceof RateLimitedException limited ? limited.retryAfter().map(Duration::toNanos).orElse(0L) : 0;
    return Math.max(jittered, Math.min(asked, maxBackoffNanos));
  }

  /** A fetched token with its deadlines, in state UNCONFIRMED. */
  private Snapshot snapshotOf(AccessToken token) {
    long lifetime = token.lifetime().toNanos();
    long refreshMargin = Math.min(refreshAheadMax.toNanos(), (long) (lifetime * refreshAheadFraction));
    refreshMargin += (long) (refreshMargin * jitterFraction * random.getAsDouble());
    long expiryMargin = Math.min(expiryMarginMax.toNanos(), (long) (lifetime * expiryMarginFraction));
    refreshMargin = Math.max(refreshMargin, expiryMargin);
    long sent = token.sentAtNanos();
    long expiresWall = token.expiresAt().toEpochMilli();
    return new Snapshot(token, UNCONFIRMED, sent + lifetime - refreshMargin, sent + lifetime - expiryMargin,
        expiresWall - refreshMargin / 1_000_000L, expiresWall - expiryMargin / 1_000_000L, null, null);
  }

  /** Moves the snapshot to the state the clocks say. */
  private void advanceState(long nowNanos, long nowWallMillis) {
    while (true) {
      Snapshot s = snapshot;
      int target = s.stateAt(nowNanos, nowWallMillis);
      if (target == s.state || SNAPSHOT.compareAndSet(this, s, s.with(target, s.refresh, s.failure))) {
        return;
      }
    }
  }

  // One timer task chain per provider, run at the next deadline or clock check. Synchronized (no I/O
  // inside) so that a tick and a token install racing cannot leave two chains running.
  private synchronized void scheduleTick() {
    if (tick != null) {
      tick.cancel();
    }
    Snapshot s = snapshot;
    if (s.token == null || s.state >= EXPIRED) {
      tick = null;
      return;
    }
    long next = s.state <= FRESH ? s.refreshAtNanos : s.expireAtNanos;
    // At the deadline itself, not after a delay reckoned from a clock read that may already be stale.
    tick = time.scheduleAt(this::onTick, Math.min(next, time.nanoTime() + clockCheckNanos));
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
    long now = time.nanoTime();
    Refresh mine;
    synchronized (listenerCalls) { // the change and its event in one step: see settle
      while (true) {
        Snapshot s = snapshot;
        if (s.token == null || s.state >= EXPIRED || !s.token.equals(rejected)) {
          return; // an older token, or already dropped: nothing to do
        }
        // A refresh already in flight started after this token was published, so it brings a newer one.
        mine = s.refresh == null && !s.backingOff(now) ? new Refresh() : null;
        Snapshot next = new Snapshot(null, EXPIRED, 0, 0, 0, 0, mine != null ? mine : s.refresh, s.failure);
        if (SNAPSHOT.compareAndSet(this, s, next)) {
          break;
        }
      }
      listenerCalls.post(listener -> listener.onTokenInvalidated(rejected));
    }
    invalidations.increment();
    if (mine != null) {
      launch(mine);
    }
  }

  /** {@return the counters: token requests (retries included), refreshes, failures, invalidations} */
  public TokenStats stats() {
    return new TokenStats(client.requestsSent(), refreshes.sum(), failures.sum(), invalidations.sum());
  }

  /**
   * Cancels the token request in flight and fails waiting and later calls with a
   * {@link TokenUnavailableException}; once it returns, no token request starts. Closes a transport
   * it discovered; one it was given, and the executor, are the caller's.
   */
  @Override
  public void close() {
    Snapshot s;
    do {
      s = snapshot;
      if (s.state == CLOSED) {
        return;
      }
    } while (!SNAPSHOT.compareAndSet(this, s, CLOSED_SNAPSHOT));
    listenerCalls.close();
    scheduleTick(); // the snapshot is closed: this cancels the pending tick and schedules none
    Refresh inFlight = s.refresh;
    if (inFlight != null) {
      inFlight.cancel();
      inFlight.result.completeExceptionally(closed());
    }
    if (ownsTransport) {
      client.closeTransport();
    }
  }

  private static TokenUnavailableException closed() {
    return new TokenUnavailableException("the token provider is closed", null);
  }

  private static OsOAuth2Exception rethrowable(Throwable error) {
    Throwable e = ErrorMapping.unwrap(error);
    return e instanceof OsOAuth2Exception known ? known : new TokenUnavailableException(
        e instanceof CancellationException ? "the token request was cancelled"
            : "the token request failed: " + e.getClass().getSimpleName(), e);
  }

  @Override
  public String toString() {
    Snapshot s = snapshot;
    String state = new String[] {"fresh", "fresh", "refresh due", "expired", "closed"}[s.state + 1];
    return "CachingTokenProvider[" + state + (s.token == null ? "" : ", " + s.token) + "]";
  }
}
