package io.github.osdatahub.oauth2.testkit;

import com.sun.net.httpserver.HttpExchange;
import io.github.osdatahub.oauth2.testkit.internal.Answers;
import io.github.osdatahub.oauth2.testkit.internal.GridPoint;
import io.github.osdatahub.oauth2.testkit.internal.PlacesAnswer;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/** OS Places API: {@code find?query=...}, {@code postcode?postcode=...} and {@code nearest?point=x,y}. */
final class PlacesApi {
  private final FakeOsDataHub hub;

  PlacesApi(FakeOsDataHub hub) {
    this.hub = hub;
  }

  void find(HttpExchange exchange, RecordedRequest request, Matcher path) throws IOException {
    Optional<String> query = ProtectedApis.requiredQuery(exchange, request);
    if (query.isEmpty()) {
      return;
    }
    Answers.json(exchange, 200, PlacesAnswer.find(query.get(), ProtectedApis.requestUri(hub, request)), Map.of());
  }

  void postcode(HttpExchange exchange, RecordedRequest request, Matcher path) throws IOException {
    Optional<String> postcode = request.queryParameter("postcode").map(String::strip);
    if (postcode.isEmpty() || !postcode.get().matches("[A-Za-z0-9 ]{2,8}")) {
      ProtectedApis.badRequest(exchange, "The postcode parameter must be a full or partial postcode.");
      return;
    }
    Answers.json(exchange, 200, PlacesAnswer.postcode(postcode.get(), ProtectedApis.requestUri(hub, request)),
        Map.of());
  }

  void nearest(HttpExchange exchange, RecordedRequest request, Matcher path) throws IOException {
    Optional<GridPoint> point = ProtectedApis.requiredPoint(exchange, request);
    if (point.isEmpty()) {
      return;
    }
    Answers.json(exchange, 200, PlacesAnswer.nearest(point.get().x(), point.get().y(),
        ProtectedApis.requestUri(hub, request)), Map.of());
  }
}
