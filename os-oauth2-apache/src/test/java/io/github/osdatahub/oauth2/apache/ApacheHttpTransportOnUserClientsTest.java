package io.github.osdatahub.oauth2.apache;

import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.testkit.contract.HttpTransportContract;
import java.io.IOException;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.io.CloseMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The contract on clients a user built with Apache's defaults (redirects and retries on): each
 * of the three ways to hand them over.
 */
class ApacheHttpTransportOnUserClientsTest {
  private static CloseableHttpClient classic;
  private static CloseableHttpAsyncClient async;

  @BeforeAll
  static void startClients() {
    classic = HttpClients.createDefault();
    async = HttpAsyncClients.createDefault();
    async.start();
  }

  @AfterAll
  static void closeClients() throws IOException {
    classic.close();
    async.close(CloseMode.IMMEDIATE);
  }

  /** Classic only: {@code sendAsync} runs the classic call on a daemon thread. */
  @Nested
  class ClassicClient extends HttpTransportContract {
    @Override
    protected HttpTransport transport() {
      return ApacheHttpTransport.create(classic);
    }
  }

  /** Async only: {@code send} waits for the async client. */
  @Nested
  class AsyncClient extends HttpTransportContract {
    @Override
    protected HttpTransport transport() {
      return ApacheHttpTransport.create(async);
    }

    /** Apache's cancel can miss the exchange and this client has no abort handler (README, "Not supported"). */
    @Override
    protected boolean cancelsAsyncExchanges() {
      return false;
    }
  }

  /** Both: each entry point on its own client. */
  @Nested
  class ClassicAndAsyncClients extends HttpTransportContract {
    @Override
    protected HttpTransport transport() {
      return ApacheHttpTransport.create(classic, async);
    }

    /** As for {@link AsyncClient}: {@code sendAsync} runs on the user's async client. */
    @Override
    protected boolean cancelsAsyncExchanges() {
      return false;
    }
  }
}
