/**
 * The two service-provider interfaces: {@link io.github.osdatahub.oauth2.spi.HttpTransport} (send
 * the token request) and {@link io.github.osdatahub.oauth2.spi.JsonCodec} (parse the answer), with
 * the providers that {@link java.util.ServiceLoader} finds. Adapter modules implement them; most
 * applications never touch this package.
 */
package io.github.osdatahub.oauth2.spi;
