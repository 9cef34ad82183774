/**
 * Test support for os-oauth2 and its users: {@code FakeOsDataHub}, an in-process fake of the OS
 * Data Hub, with its JUnit 5 extension; and the contract suites every transport and JSON adapter
 * passes.
 */
// "module": the name matches the package, whose "oauth2" ends in a digit. "requires-automatic":
// WireMock has no module descriptor, so it is the automatic module named after its jar.
@SuppressWarnings({"module", "requires-automatic"})
module io.github.osdatahub.oauth2.testkit {
  requires transitive io.github.osdatahub.oauth2;
  requires transitive org.junit.jupiter.api;
  requires jdk.httpserver;
  requires java.net.http;
  // Optional: only the WireMock helpers (OsDataHubStubs, WireMockFaultContract) use it.
  requires static wiremock.standalone;

  exports io.github.osdatahub.oauth2.testkit;
  exports io.github.osdatahub.oauth2.testkit.contract;
  exports io.github.osdatahub.oauth2.testkit.wiremock;
}
