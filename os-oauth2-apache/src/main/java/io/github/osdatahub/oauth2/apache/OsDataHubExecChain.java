package io.github.osdatahub.oauth2.apache;

import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Installs the os-oauth2 exec-chain element on an Apache client builder in one call,
 * {@code installOn(builder, provider[, scope])} as for every integration: the classic
 * {@link OsDataHubExecChainHandler} or the async {@link OsDataHubAsyncExecChainHandler}.
 *
 * <p>The element goes just before Apache's {@code PROTOCOL} element. That is after
 * {@code REDIRECT} (so every redirect hop is checked against the {@link TokenScope}) and after
 * {@code RETRY} (so an I/O retry is authorized again), and it is there whether or not the builder
 * has redirects or retries disabled (an element placed "after REDIRECT" would be silently dropped
 * by a builder with redirect handling disabled). Call once per builder.
 *
 * <pre>{@code
 * CloseableHttpClient client = OsDataHubExecChain.installOn(HttpClients.custom(), provider).build();
 *
 * CloseableHttpAsyncClient async = OsDataHubExecChain.installOn(HttpAsyncClients.custom(), provider).build();
 * async.start();
 * }</pre>
 */
public final class OsDataHubExecChain {
  /** The name of the element in the exec chain. */
  public static final String ELEMENT_NAME = "os-oauth2";

  private OsDataHubExecChain() {}

  /**
   * Adds the classic handler, sending the token to {@code api.os.uk} only.
   *
   * @param builder the builder to add it to
   * @param provider where tokens come from
   * @return the same builder
   */
  public static HttpClientBuilder installOn(HttpClientBuilder builder, TokenProvider provider) {
    return installOn(builder, provider, TokenScope.defaults());
  }

  /**
   * Adds the classic handler, sending the token where the scope permits.
   *
   * @param builder the builder to add it to
   * @param provider where tokens come from
   * @param scope the hosts that may receive the token
   * @return the same builder
   */
  public static HttpClientBuilder installOn(HttpClientBuilder builder, TokenProvider provider, TokenScope scope) {
    return builder.addExecInterceptorBefore(ChainElement.PROTOCOL.name(), ELEMENT_NAME,
        OsDataHubExecChainHandler.create(provider, scope));
  }

  /**
   * Adds the async handler, sending the token to {@code api.os.uk} only.
   *
   * @param builder the builder to add it to
   * @param provider where tokens come from
   * @return the same builder
   */
  public static HttpAsyncClientBuilder installOn(HttpAsyncClientBuilder builder, TokenProvider provider) {
    return installOn(builder, provider, TokenScope.defaults());
  }

  /**
   * Adds the async handler, sending the token where the scope permits.
   *
   * @param builder the builder to add it to
   * @param provider where tokens come from
   * @param scope the hosts that may receive the token
   * @return the same builder
   */
  public static HttpAsyncClientBuilder installOn(HttpAsyncClientBuilder builder, TokenProvider provider,
      TokenScope scope) {
    return builder.addExecInterceptorBefore(ChainElement.PROTOCOL.name(), ELEMENT_NAME,
        OsDataHubAsyncExecChainHandler.create(provider, scope));
  }
}
