/**
 * Implementation of {@code FakeOsDataHub}: JSON bodies, the PNG tile, issued tokens and the
 * per-minute limiter. Not exported; nothing here is API.
 */
package io.github.osdatahub.oauth2.testkit.internal;
