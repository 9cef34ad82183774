/**
 * The SPIs adapter modules implement, {@link io.github.osdatahub.oauth2.spi.HttpTransport} and
 * {@link io.github.osdatahub.oauth2.spi.JsonCodec}, with the providers that discovery finds.
 */
package io.github.osdatahub.oauth2.spi;
