package io.github.osdatahub.oauth2.cli;

import io.github.osdatahub.oauth2.CredentialEncoding;
import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import java.io.IOException;
import java.util.List;

/**
 * {@code os-oauth2 demo}: the whole token flow against an embedded {@link FakeOsDataHub}, with no
 * credentials and short token lifetimes, in a few seconds.
 */
final class DemoCommand implements Command {
  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String summary() {
    return "walk through the token flow on an embedded fake (no credentials needed)";
  }

  @Override
  public String usage() {
    return "demo";
  }

  @Override
  public String description() {
    return "Starts FakeOsDataHub (an in-process fake of the OS Data Hub) with " + Demo.TOKEN_LIFETIME.getSeconds()
        + " s tokens instead of 299 s\n"
        + "and walks through the flow: a token fetched; reused from the cache; renewed ahead of expiry\n"
        + "without blocking callers; an expired token rejected by an API (401) and recovered with one\n"
        + "refresh; a wrong secret reported clearly; the request counts. Needs no credentials and no\n"
        + "network; takes about " + Demo.TOKEN_LIFETIME.getSeconds() + " seconds.";
  }

  @Override
  public List<Option> options() {
    return List.of();
  }

  @Override
  public boolean readsCredentials() {
    return false;
  }

  @Override
  public List<ExitCode> exitCodes() {
    return List.of(ExitCode.OK, ExitCode.INTERNAL_ERROR, ExitCode.USAGE, ExitCode.OUTPUT_FAILED);
  }

  @Override
  public ExitCode run(Arguments arguments, Context context) {
    if (!arguments.operands().isEmpty()) {
      throw CommandFailedException.usage("demo takes no arguments");
    }
    List<String> surprises;
    try (FakeOsDataHub hub = FakeOsDataHub.builder().tokenLifetime(Demo.TOKEN_LIFETIME).start();
        CachingTokenProvider provider = Configuration.tokenProvider(hub.credentials(), hub.tokenUri(),
            CredentialEncoding.RFC6749)) {
      surprises = new Demo(hub, provider, context.out()).run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailedException(ExitCode.INTERNAL_ERROR, "the demo was interrupted");
    } catch (IOException e) {
      throw new CommandFailedException(ExitCode.INTERNAL_ERROR, "the demo's API call to the fake failed: " + e, e);
    }
    if (!surprises.isEmpty()) {
      throw new CommandFailedException(ExitCode.INTERNAL_ERROR,
          "the demo did not go as expected: " + String.join("; ", surprises));
    }
    return ExitCode.OK;
  }
}
