/**
 * Abstract JUnit 5 suites that every {@code HttpTransport} and {@code JsonCodec} adapter, and every
 * integration that authorizes a client's requests, extends, against loopback servers of the
 * testkit's own.
 */
package io.github.osdatahub.oauth2.testkit.contract;
