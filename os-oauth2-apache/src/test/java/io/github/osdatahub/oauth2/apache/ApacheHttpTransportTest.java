package io.github.osdatahub.oauth2.apache;

import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.testkit.contract.HttpTransportContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The contract on the default transport: the SDK's own classic client for {@code send} and its own
 * async client for {@code sendAsync}.
 */
class ApacheHttpTransportTest extends HttpTransportContract {
  private final List<ApacheHttpTransport> made = new ArrayList<>();

  @Override
  protected HttpTransport transport() {
    ApacheHttpTransport transport = ApacheHttpTransport.create();
    made.add(transport);
    return transport;
  }

  @AfterEach
  void closeTransports() {
    made.forEach(ApacheHttpTransport::close);
  }
}
