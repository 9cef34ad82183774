/**
 * Abstract JUnit 5 suites that every {@code HttpTransport} and {@code JsonCodec} adapter extends,
 * against loopback servers of the testkit's own.
 */
package io.github.osdatahub.oauth2.testkit.contract;
