package io.github.osdatahub.oauth2.spi;

/**
 * Makes an {@link HttpTransport} for discovery. Adapter modules register one with
 * {@link java.util.ServiceLoader} ({@code provides} in {@code module-info.java} and a
 * {@code META-INF/services} file). Among those found, the highest {@link #priority()} wins; with none
 * found, core's own {@link io.github.osdatahub.oauth2.HttpUrlConnectionTransport} is used.
 */
public interface HttpTransportProvider {
  /** {@return a short name for messages, such as {@code okhttp}} */
  String name();

  /** {@return the rank among found transports, higher wins: OkHttp 300, Apache 200, JDK 100} */
  int priority();

  /** {@return a new transport with the SDK's defaults (connect timeout 5 s, redirects off)} */
  HttpTransport create();
}
