package io.github.osdatahub.oauth2;

/**
 * Counters of a {@link CachingTokenProvider}; reading a cached token writes none of them.
 *
 * @param tokenRequests HTTP requests sent to the token endpoint, retries included
 * @param refreshes token fetches started (each may take several requests)
 * @param failures token fetches that failed
 * @param invalidations tokens dropped after an API rejected them
 */
public record TokenStats(long tokenRequests, long refreshes, long failures, long invalidations) {}
