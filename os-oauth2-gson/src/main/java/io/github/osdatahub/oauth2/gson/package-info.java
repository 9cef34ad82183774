/**
 * {@link io.github.osdatahub.oauth2.gson.GsonJsonCodec}: the token endpoint's JSON read with Gson.
 */
package io.github.osdatahub.oauth2.gson;
