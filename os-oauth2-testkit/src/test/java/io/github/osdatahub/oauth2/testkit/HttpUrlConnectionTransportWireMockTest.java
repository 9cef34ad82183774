package io.github.osdatahub.oauth2.testkit;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import io.github.osdatahub.oauth2.HttpUrlConnectionTransport;
import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.spi.JsonCodec;
import io.github.osdatahub.oauth2.testkit.contract.WireMockFaultContract;
import java.lang.reflect.Type;
import java.util.Map;

/** Core's own transport, over HttpURLConnection, against WireMock's faults. */
class HttpUrlConnectionTransportWireMockTest extends WireMockFaultContract {
  private static final Type MEMBERS = new TypeToken<Map<String, Object>>() {}.getType();

  @Override
  protected HttpTransport transport() {
    return HttpUrlConnectionTransport.create();
  }

  /** As core's README says: the JDK sends a POST once more when the connection closes unanswered. */
  @Override
  protected int requestsPerAttemptWhenClosedUnanswered() {
    return 2;
  }

  /** Each exchange asks for a connection of its own (core README). */
  @Override
  protected boolean sendsConnectionClose() {
    return true;
  }

  /** os-oauth2-gson depends on the testkit, so it cannot be on its class path: plain Gson instead. */
  @Override
  protected JsonCodec jsonCodec() {
    Gson gson = new Gson();
    return json -> {
      try {
        Map<String, Object> members = gson.fromJson(json, MEMBERS);
        if (members == null) {
          throw new IllegalArgumentException("not a JSON object");
        }
        return members;
      } catch (JsonParseException e) {
        throw new IllegalArgumentException("not a JSON object");
      }
    };
  }
}
