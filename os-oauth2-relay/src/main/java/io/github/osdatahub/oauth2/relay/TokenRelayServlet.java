package io.github.osdatahub.oauth2.relay;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Jakarta Servlet 6 adapter: serves a {@link TokenRelay} in any Servlet container (the servlet API is
 * an optional dependency of this module; the container provides it). A request that has to wait for a
 * token is put in async mode ({@code startAsync}), so no container thread waits with it; when the
 * container's async timeout comes first, the answer is a 503. The page's script needs no servlet: the
 * container serves {@code META-INF/resources/os-oauth2/os-oauth2.js} from this jar at
 * {@code /os-oauth2/os-oauth2.js} (in a war's {@code WEB-INF/lib}, or as Spring Boot does).
 *
 * <pre>{@code
 * // in a ServletContainerInitializer, or Spring Boot's ServletContextInitializer:
 * TokenRelayServlet.installOn(servletContext, TokenRelay.create(provider));   // GET /os-token
 * }</pre>
 */
public final class TokenRelayServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** The name {@link #installOn} registers the servlet under. */
  public static final String SERVLET_NAME = "os-oauth2-relay";

  private final transient TokenRelay relay; // a servlet instance is never serialized in practice

  private TokenRelayServlet(TokenRelay relay) {
    this.relay = Objects.requireNonNull(relay, "relay");
  }

  /**
   * @param relay the relay
   * @return a servlet to register yourself: map it at {@code relay.path()} and mark it async-supported
   */
  public static TokenRelayServlet create(TokenRelay relay) {
    return new TokenRelayServlet(relay);
  }

  /**
   * Registers the relay as servlet {@value #SERVLET_NAME}, async-supported, mapped at
   * {@link TokenRelay#path()}. Call it while the context starts (from a {@code ServletContainerInitializer}
   * or a declared listener), as the Servlet specification requires of {@code addServlet}.
   *
   * @param context the servlet context
   * @param relay the relay
   * @return the registration, to change further
   * @throws IllegalStateException when a servlet of that name is already registered, or the path is mapped
   */
  public static ServletRegistration.Dynamic installOn(ServletContext context, TokenRelay relay) {
    ServletRegistration.Dynamic registration = context.addServlet(SERVLET_NAME, create(relay));
    if (registration == null) {
      throw new IllegalStateException("a servlet named " + SERVLET_NAME + " is already registered");
    }
    registration.setAsyncSupported(true);
    if (!registration.addMapping(relay.path()).isEmpty()) {
      throw new IllegalStateException(relay.path() + " is already mapped to another servlet");
    }
    return registration;
  }

  /** Every method goes to the relay, which answers 405 itself for anything but GET and HEAD. */
  @Override
  protected void service(HttpServletRequest servletRequest, HttpServletResponse servletResponse) throws IOException {
    RelayRequest request = RelayRequest.of(servletRequest.getMethod(), servletRequest::getHeader,
        servletRequest.getRemoteAddr(), servletRequest);
    CompletableFuture<RelayResponse> answer = relay.answer(request);
    if (answer.isDone() || !servletRequest.isAsyncSupported()) {
      write(servletResponse, answer.join()); // join blocks only where the container offers no async mode
      return;
    }
    AsyncContext async = servletRequest.startAsync();
    AtomicBoolean answered = new AtomicBoolean(); // the token or the container's timeout, whichever comes first
    async.addListener(new AsyncListener() {
      @Override
      public void onTimeout(AsyncEvent event) {
        finish(async, answered, relay.timedOut(request));
      }

      @Override
      public void onError(AsyncEvent event) {
        answered.set(true); // the client has gone; the container completes the request
      }

      @Override
      public void onComplete(AsyncEvent event) {}

      @Override
      public void onStartAsync(AsyncEvent event) {}
    });
    answer.whenComplete((response, error) -> finish(async, answered, response != null ? response
        : relay.timedOut(request)));
  }

  private static void finish(AsyncContext async, AtomicBoolean answered, RelayResponse response) {
    if (!answered.compareAndSet(false, true)) {
      return;
    }
    try {
      write((HttpServletResponse) async.getResponse(), response);
    } catch (IOException | RuntimeException e) {
      // The client has gone, or the container has ended the request: no one is left to answer.
    } finally {
      try {
        async.complete();
      } catch (IllegalStateException alreadyEnded) {
        // completed by the container meanwhile
      }
    }
  }

  private static void write(HttpServletResponse out, RelayResponse response) throws IOException {
    out.setStatus(response.status());
    response.headers().forEach(out::setHeader);
    byte[] body = response.bodyBytes();
    if (body.length > 0) {
      out.setContentLength(body.length);
      out.getOutputStream().write(body);
    }
  }

  @Override
  public String toString() {
    return "TokenRelayServlet[" + relay + "]";
  }
}
