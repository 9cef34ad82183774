package io.github.osdatahub.oauth2.benchmarks.coldstart;

import com.google.gson.Gson;
import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.HttpUrlConnectionTransport;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.gson.GsonJsonCodec;
import java.net.URI;

/**
 * The SDK over {@code HttpURLConnection} with a codec over a whole {@code Gson}, as {@code
 * GsonJsonCodec.create()} built before issue 17: measures what building a {@code Gson} costs a
 * fresh JVM. Run in a fresh JVM by {@link ColdStartBenchmark}.
 */
public final class SdkOverHttpUrlConnectionWithAGson {
  private SdkOverHttpUrlConnectionWithAGson() {}

  /**
   * @param args the token endpoint
   */
  public static void main(String[] args) {
    try (CachingTokenProvider provider = OsOAuth2.builder(ProjectCredentials.fromEnvironment())
        .endpoint(URI.create(args[0]))
        .transport(HttpUrlConnectionTransport.create())
        .jsonCodec(GsonJsonCodec.create(new Gson()))
        .build()) {
      System.out.println(provider.token().value());
    }
  }
}
