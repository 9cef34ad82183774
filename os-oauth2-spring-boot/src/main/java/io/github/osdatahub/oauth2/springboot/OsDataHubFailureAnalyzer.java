package io.github.osdatahub.oauth2.springboot;

import io.github.osdatahub.oauth2.ProjectCredentials;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Boot's report for a start without OS Data Hub credentials: what is missing, and the two ways to
 * give it. It names properties and variables only; a value, the secret above all, is never printed.
 */
public final class OsDataHubFailureAnalyzer extends AbstractFailureAnalyzer<MissingOsDataHubCredentialsException> {
  /** Created by Boot from {@code META-INF/spring.factories}. */
  public OsDataHubFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, MissingOsDataHubCredentialsException cause) {
    String description = "The OS Data Hub token provider needs a project API key and secret, and "
        + String.join(" and ", cause.missing()) + (cause.missing().size() == 1 ? " is" : " are") + " not set.";
    String action = "Set the properties os.datahub.key and os.datahub.secret (in application.properties, or as "
        + "OS_DATAHUB_KEY and OS_DATAHUB_SECRET), or the environment variables " + ProjectCredentials.KEY_VARIABLE
        + " and " + ProjectCredentials.SECRET_VARIABLE + ", to the key and secret of a project on "
        + "https://osdatahub.os.uk. To use your own TokenProvider instead, define it as a bean.";
    return new FailureAnalysis(description, action, cause);
  }
}
