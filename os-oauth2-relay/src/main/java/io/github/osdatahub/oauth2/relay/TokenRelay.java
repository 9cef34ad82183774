package io.github.osdatahub.oauth2.relay;

/** Placeholder: the relay is being written (issue 14). */
public final class TokenRelay {
  private TokenRelay() {}
}
