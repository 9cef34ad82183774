package io.github.osdatahub.oauth2.testkit;

import com.sun.net.httpserver.HttpExchange;
import io.github.osdatahub.oauth2.testkit.internal.Answers;
import io.github.osdatahub.oauth2.testkit.internal.GridPoint;
import io.github.osdatahub.oauth2.testkit.internal.NamesAnswer;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/** OS Names API: {@code find?query=...} and {@code nearest?point=x,y}. */
final class NamesApi {
  private final FakeOsDataHub hub;

  NamesApi(FakeOsDataHub hub) {
    this.hub = hub;
  }

  void find(HttpExchange exchange, RecordedRequest request, Matcher path) throws IOException {
    Optional<String> query = ProtectedApis.requiredQuery(exchange, request);
    if (query.isEmpty()) {
      return;
    }
    Answers.json(exchange, 200, NamesAnswer.find(query.get(), ProtectedApis.requestUri(hub, request)), Map.of());
  }

  void nearest(HttpExchange exchange, RecordedRequest request, Matcher path) throws IOException {
    Optional<GridPoint> point = ProtectedApis.requiredPoint(exchange, request);
    if (point.isEmpty()) {
      return;
    }
    Answers.json(exchange, 200, NamesAnswer.nearest(point.get().x(), point.get().y(),
        ProtectedApis.requestUri(hub, request)), Map.of());
  }
}
