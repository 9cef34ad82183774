/**
 * os-oauth2 on the JDK's {@code java.net.http.HttpClient}: {@link io.github.osdatahub.oauth2.jdk.JdkHttpTransport}
 * carries the token exchange, and {@link io.github.osdatahub.oauth2.jdk.OsDataHubHttpClient} is an
 * {@code HttpClient} that puts OS Data Hub tokens on the requests it sends.
 */
package io.github.osdatahub.oauth2.jdk;
