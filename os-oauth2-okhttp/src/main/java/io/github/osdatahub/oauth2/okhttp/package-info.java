/**
 * OS Data Hub tokens on OkHttp. Most applications need one line:
 *
 * <pre>{@code
 * OkHttpClient client = OsDataHubInterceptor.installOn(new OkHttpClient.Builder(), provider).build();
 * }</pre>
 *
 * <p>{@link io.github.osdatahub.oauth2.okhttp.OkHttpTransport} sends the token request itself over
 * OkHttp; it is found by discovery when this module is on the class path or module path.
 */
package io.github.osdatahub.oauth2.okhttp;
