package io.github.osdatahub.oauth2.okhttp.internal;

import io.github.osdatahub.oauth2.okhttp.OkHttpTransport;
import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.spi.HttpTransportProvider;

/** Registers {@link OkHttpTransport} for discovery: name {@code okhttp}, priority 300 (the highest). */
public final class OkHttpTransportProvider implements HttpTransportProvider {
  /** Called by {@link java.util.ServiceLoader}. */
  public OkHttpTransportProvider() {}

  @Override
  public String name() {
    return "okhttp";
  }

  @Override
  public int priority() {
    return 300;
  }

  @Override
  public HttpTransport create() {
    return OkHttpTransport.create();
  }
}
