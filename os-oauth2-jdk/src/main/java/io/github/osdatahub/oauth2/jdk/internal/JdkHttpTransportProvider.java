package io.github.osdatahub.oauth2.jdk.internal;

import io.github.osdatahub.oauth2.jdk.JdkHttpTransport;
import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.spi.HttpTransportProvider;

/** Registers {@link JdkHttpTransport} for discovery, at the lowest priority of the bundled transports. */
public final class JdkHttpTransportProvider implements HttpTransportProvider {
  /** Called by {@link java.util.ServiceLoader}. */
  public JdkHttpTransportProvider() {}

  @Override
  public String name() {
    return "jdk";
  }

  @Override
  public int priority() {
    return 100;
  }

  @Override
  public HttpTransport create() {
    return JdkHttpTransport.create();
  }
}
