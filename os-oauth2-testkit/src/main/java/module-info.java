/**
 * Test support for os-oauth2 and its users: {@code FakeOsDataHub}, an in-process fake of the OS
 * Data Hub, with its JUnit 5 extension; and the contract suites every transport and JSON adapter
 * passes.
 */
// "module": the name matches the package, whose "oauth2" ends in a digit.
@SuppressWarnings("module")
module io.github.osdatahub.oauth2.testkit {
  requires transitive io.github.osdatahub.oauth2;
  requires transitive org.junit.jupiter.api;
  requires jdk.httpserver;
  requires java.net.http;
  // WireMock, optional, is not named here: its jar has no module name of its own, and a published
  // descriptor must not require a name derived from a file name. The WireMock helpers (OsDataHubStubs,
  // WireMockFaultContract) are compiled against it on the class path (the POM says how); on the module
  // path, add --add-reads io.github.osdatahub.oauth2.testkit=ALL-UNNAMED (WireMock on the class path).

  exports io.github.osdatahub.oauth2.testkit;
  exports io.github.osdatahub.oauth2.testkit.contract;
  exports io.github.osdatahub.oauth2.testkit.wiremock;
}
