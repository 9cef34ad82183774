/**
 * Implementation of {@code FakeOsDataHub}: the answers' bodies (JSON, GeoJSON, WMTS XML, the PNG
 * and vector tiles), OS's raster layers and tile matrix sets, issued tokens and the per-minute
 * limiter. Not exported; nothing here is API.
 */
package io.github.osdatahub.oauth2.testkit.internal;
