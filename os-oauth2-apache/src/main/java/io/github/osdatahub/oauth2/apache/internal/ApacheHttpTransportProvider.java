package io.github.osdatahub.oauth2.apache.internal;

import io.github.osdatahub.oauth2.apache.ApacheHttpTransport;
import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.spi.HttpTransportProvider;

/** Registers {@link ApacheHttpTransport} for discovery, as {@code apache}, priority 200. */
public final class ApacheHttpTransportProvider implements HttpTransportProvider {
  /** Called by {@link java.util.ServiceLoader}. */
  public ApacheHttpTransportProvider() {}

  @Override
  public String name() {
    return "apache";
  }

  @Override
  public int priority() {
    return 200;
  }

  @Override
  public HttpTransport create() {
    return ApacheHttpTransport.create();
  }
}
