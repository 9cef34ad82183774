/**
 * {@code FakeOsDataHub}: a faithful in-process fake of the OS Data Hub token endpoint and APIs, with
 * fault knobs and a JUnit 5 extension.
 */
package io.github.osdatahub.oauth2.testkit;
