/**
 * {@link io.github.osdatahub.oauth2.jackson.JacksonJsonCodec}: the token endpoint's JSON read with
 * Jackson.
 */
package io.github.osdatahub.oauth2.jackson;
