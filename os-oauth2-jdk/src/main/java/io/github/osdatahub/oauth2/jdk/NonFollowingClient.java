package io.github.osdatahub.oauth2.jdk;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The client that {@link OsDataHubHttpClient} sends authorized requests with: the caller's own
 * client when it does not follow redirects, otherwise a copy of its settings that does not, built
 * on first use (an {@code HttpClient} cannot be changed, and the token must not follow a redirect
 * the wrapper has not checked). Also passes the JDK 21 lifecycle methods on to both clients.
 */
final class NonFollowingClient {
  private static final MethodHandle SHUTDOWN = lifecycleMethod("shutdown", MethodType.methodType(void.class));
  private static final MethodHandle SHUTDOWN_NOW = lifecycleMethod("shutdownNow", MethodType.methodType(void.class));
  private static final MethodHandle CLOSE = lifecycleMethod("close", MethodType.methodType(void.class));
  private static final MethodHandle IS_TERMINATED = lifecycleMethod("isTerminated",
      MethodType.methodType(boolean.class));
  private static final MethodHandle AWAIT_TERMINATION = lifecycleMethod("awaitTermination",
      MethodType.methodType(boolean.class, Duration.class));

  private final HttpClient delegate;
  private volatile HttpClient copy;

  NonFollowingClient(HttpClient delegate) {
    this.delegate = delegate;
  }

  HttpClient get() {
    if (delegate.followRedirects() == HttpClient.Redirect.NEVER) {
      return delegate;
    }
    HttpClient c = copy;
    if (c == null) {
      synchronized (this) {
        c = copy;
        if (c == null) {
          c = copyWithoutRedirects(delegate);
          copy = c;
        }
      }
    }
    return c;
  }

  /** Every setting an {@code HttpClient} reports, except that redirects are not followed. */
  static HttpClient copyWithoutRedirects(HttpClient from) {
    HttpClient.Builder b = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(from.version())
        .sslContext(from.sslContext())
        .sslParameters(from.sslParameters());
    from.connectTimeout().ifPresent(b::connectTimeout);
    from.proxy().ifPresent(b::proxy);
    from.authenticator().ifPresent(b::authenticator);
    from.cookieHandler().ifPresent(b::cookieHandler);
    from.executor().ifPresent(b::executor);
    return b.build();
  }

  void lifecycle(String method) {
    MethodHandle handle = method.equals("shutdown") ? SHUTDOWN : method.equals("shutdownNow") ? SHUTDOWN_NOW : CLOSE;
    for (HttpClient client : clients()) {
      if (handle != null) {
        invoke(handle, client);
      }
    }
  }

  boolean isTerminated() {
    if (IS_TERMINATED == null) {
      return false;
    }
    for (HttpClient client : clients()) {
      if (!(boolean) invoke(IS_TERMINATED, client)) {
        return false;
      }
    }
    return true;
  }

  boolean awaitTermination(Duration duration) throws InterruptedException {
    if (AWAIT_TERMINATION == null) {
      return true;
    }
    long deadline = System.nanoTime() + duration.toNanos();
    boolean all = true;
    for (HttpClient client : clients()) {
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      try {
        all &= (boolean) AWAIT_TERMINATION.invoke(client, left);
      } catch (InterruptedException | RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
    }
    return all;
  }

  private List<HttpClient> clients() {
    List<HttpClient> clients = new ArrayList<>(2);
    clients.add(delegate);
    HttpClient c = copy;
    if (c != null) {
      clients.add(c);
    }
    return clients;
  }

  private static Object invoke(MethodHandle handle, HttpClient client) {
    try {
      return handle.invoke(client);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** The method on JDK 21 and later; null on earlier JDKs, where clients have no lifecycle. */
  private static MethodHandle lifecycleMethod(String name, MethodType type) {
    try {
      return MethodHandles.publicLookup().findVirtual(HttpClient.class, name, type);
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }
}
