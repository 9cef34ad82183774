package io.github.osdatahub.oauth2.benchmarks.coldstart;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.gson.GsonJsonCodec;
import io.github.osdatahub.oauth2.okhttp.OkHttpTransport;
import java.net.URI;

/**
 * What an application does to print one token with the SDK over OkHttp and Gson, as written in the
 * transport's README. Run in a fresh JVM by {@link ColdStartBenchmark}; one class per variant, so
 * that no other transport's classes are loaded, even by the verifier.
 */
public final class SdkOverOkHttp {
  private SdkOverOkHttp() {}

  /**
   * @param args the token endpoint
   */
  public static void main(String[] args) {
    try (CachingTokenProvider provider = OsOAuth2.builder(ProjectCredentials.fromEnvironment())
        .endpoint(URI.create(args[0]))
        .transport(OkHttpTransport.create())
        .jsonCodec(GsonJsonCodec.create())
        .build()) {
      System.out.println(provider.token().value());
    }
  }
}
