package io.github.osdatahub.oauth2.benchmarks.coldstart;

/** Cuts the token out of the known answer by hand, for the bare programs: not a JSON parser. */
final class AccessTokenText {
  private AccessTokenText() {}

  static String of(String body) {
    int name = body.indexOf("\"access_token\"");
    int start = body.indexOf('"', body.indexOf(':', name) + 1) + 1;
    return body.substring(start, body.indexOf('"', start));
  }
}
