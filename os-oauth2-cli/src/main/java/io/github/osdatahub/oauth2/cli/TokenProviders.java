package io.github.osdatahub.oauth2.cli;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.CredentialEncoding;
import io.github.osdatahub.oauth2.HttpUrlConnectionTransport;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.gson.GsonJsonCodec;
import io.github.osdatahub.oauth2.spi.JsonCodec;
import java.net.URI;

/**
 * How the commands make their token providers: the transport and JSON codec. Kept apart from
 * {@link Configuration}, which only reads settings, and from {@link ApiClient}, so that
 * {@code --help}, {@code --version} and a configuration error load no HTTP or JSON class, and
 * {@code token} no {@code java.net.http} class (MainClassLoadingTest).
 *
 * <p>Both choices were measured (benchmarks README, "Cold start"): {@link HttpUrlConnectionTransport}
 * reaches a first token in a fresh JVM far sooner than {@code java.net.http.HttpClient}, whose own
 * start-up takes some 0.3 s; Gson's reader alone loads in a few ms, where Jackson's mapper and a
 * whole {@code Gson} take over 100 ms.
 */
final class TokenProviders {
  private TokenProviders() {}

  /** The JSON codec every command uses: Gson's reader, chosen explicitly rather than discovered. */
  static JsonCodec jsonCodec() {
    return GsonJsonCodec.create();
  }

  /** The one way every command builds a provider; close it when done. */
  static CachingTokenProvider tokenProvider(ProjectCredentials credentials, URI endpoint,
      CredentialEncoding encoding) {
    return OsOAuth2.builder(credentials)
        .endpoint(endpoint)
        .credentialEncoding(encoding)
        .transport(HttpUrlConnectionTransport.create())
        .jsonCodec(jsonCodec())
        .build();
  }
}
