package io.github.osdatahub.oauth2.okhttp;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.TokenAuthorizer;
import java.io.IOException;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The network interceptor that {@link OsDataHubInterceptor#installOn} adds: on every request OkHttp
 * sends (each redirect hop and the authenticator's retry included), it removes the token
 * {@link OsDataHubInterceptor} added when the scope refuses that hop.
 *
 * <p>Needed because the application interceptor runs once per call, and OkHttp keeps
 * {@code Authorization} on a redirect within one origin (same scheme, host and port), such as
 * {@code /search/names/v1/find} to {@code /oauth2/token/v1}. OkHttp 4.12 and 5.x drop it on a
 * redirect to another origin; this check does not rely on that.
 *
 * <p>Only the SDK's own header is touched: the request must carry the {@link AccessToken} tag the
 * interceptor set (OkHttp copies tags onto follow-ups) and that token's header value. An
 * {@code Authorization} header the caller set is never removed.
 */
final class PerHopTokenGuard implements Interceptor {
  private static final String AUTHORIZATION = "Authorization";

  private final TokenAuthorizer authorizer;

  PerHopTokenGuard(TokenAuthorizer authorizer) {
    this.authorizer = authorizer;
  }

  /** Whether the scope lets a token go to this URL: origin (with the effective port) and path. */
  static boolean permits(TokenAuthorizer authorizer, HttpUrl url) {
    return authorizer.permits(url.scheme(), url.host(), url.port(), url.encodedPath());
  }

  /** The SDK's token when the request still carries it as {@code Authorization}, else null. */
  static AccessToken sdkToken(Request request) {
    AccessToken tagged = request.tag(AccessToken.class);
    return tagged != null && request.headers(AUTHORIZATION).contains(tagged.authorizationHeader()) ? tagged : null;
  }

  /** The request without the SDK's {@code Authorization} value; any other value stays. */
  static Request withoutSdkToken(Request request, AccessToken sdkToken) {
    List<String> values = request.headers(AUTHORIZATION);
    Request.Builder stripped = request.newBuilder().removeHeader(AUTHORIZATION);
    for (String value : values) {
      if (!value.equals(sdkToken.authorizationHeader())) {
        stripped.addHeader(AUTHORIZATION, value);
      }
    }
    return stripped.build();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    AccessToken sdkToken = sdkToken(request);
    if (sdkToken == null || permits(authorizer, request.url())) {
      return chain.proceed(request);
    }
    return chain.proceed(withoutSdkToken(request, sdkToken));
  }

  @Override
  public String toString() {
    return "PerHopTokenGuard[" + authorizer.scope() + "]";
  }
}
