/**
 * {@link io.github.osdatahub.oauth2.jackson3.Jackson3JsonCodec}: the token endpoint's JSON read with
 * Jackson 3 ({@code tools.jackson}).
 */
package io.github.osdatahub.oauth2.jackson3;
