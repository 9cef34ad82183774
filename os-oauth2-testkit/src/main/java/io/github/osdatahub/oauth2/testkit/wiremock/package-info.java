/**
 * {@link io.github.osdatahub.oauth2.testkit.wiremock.OsDataHubStubs}: the OS Data Hub's answers as
 * stubs on your WireMock. Needs WireMock 3 on the class path (an optional dependency of the testkit).
 */
package io.github.osdatahub.oauth2.testkit.wiremock;
