/**
 * os-oauth2 on Apache HttpClient 5. {@link io.github.osdatahub.oauth2.apache.OsDataHubExecChain}
 * installs the exec-chain element that authorizes requests to the OS Data Hub and retries a
 * rejected token once; {@link io.github.osdatahub.oauth2.apache.OsDataHubRequestInterceptor} is the
 * simple alternative; {@link io.github.osdatahub.oauth2.apache.ApacheHttpTransport} sends the
 * token requests themselves.
 */
package io.github.osdatahub.oauth2.apache;
