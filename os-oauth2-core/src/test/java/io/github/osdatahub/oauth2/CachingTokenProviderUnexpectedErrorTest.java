package io.github.osdatahub.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.spi.TransportResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An {@link Error} (or a clock or scheduler that throws) while a refresh is being settled must not
 * leave that refresh in flight for ever: its waiters would wait out {@code maxWait}, and every later
 * caller would wait for a token request that can never end, without a new one being sent.
 */
class CachingTokenProviderUnexpectedErrorTest {
  private final ManualTimeSource manual = new ManualTimeSource();
  private final AtomicBoolean clockFails = new AtomicBoolean();
  /** The manual clock, whose next read throws once {@link #clockFails} is set. */
  private final TimeSource time = new TimeSource() {
    @Override
    public long nanoTime() {
      if (clockFails.getAndSet(false)) {
        throw new AssertionError("simulated: an Error where the refresh reads the clock to settle");
      }
      return manual.nanoTime();
    }

    @Override
    public long currentTimeMillis() {
      return manual.currentTimeMillis();
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
      return manual.schedule(task, delayNanos);
    }

    @Override
    public Cancellable scheduleAt(Runnable task, long deadlineNanos) {
      return manual.scheduleAt(task, deadlineNanos);
    }

    @Override
    public void sleep(long nanos) throws InterruptedException {
      manual.sleep(nanos);
    }
  };
  private final ScriptedTransport endpoint = new ScriptedTransport();
  private final List<CompletableFuture<TransportResponse>> answers = new ArrayList<>();
  private CachingTokenProvider provider;

  @AfterEach
  void close() {
    if (provider != null) {
      provider.close();
    }
  }

  @Test
  void anErrorWhileSettlingFailsTheWaitersAtOnceAndTheNextCallSendsANewRequest() throws Exception {
    endpoint.respondWith(n -> {
      CompletableFuture<TransportResponse> answer = new CompletableFuture<>();
      answers.add(answer);
      return answer;
    });
    provider = OsOAuth2.builder(ProjectCredentials.of("key", "secret"))
        .transport(endpoint)
        .jsonCodec(ScriptedTransport.CODEC)
        .timeSource(time)
        .maxAttempts(1)
        .executor(Runnable::run)
        .random(() -> 0.0)
        .build();

    CompletableFuture<AccessToken> waiting = provider.tokenAsync();
    assertThat(endpoint.requests()).isEqualTo(1);
    clockFails.set(true);
    answers.get(0).complete(endpoint.token(1)); // settling it throws

    assertThat(waiting).as("the waiter fails at once, without the clock reaching maxWait").isCompletedExceptionally();
    Throwable failure = catchCause(waiting);
    assertThat(failure).isInstanceOf(TokenUnavailableException.class).hasCauseInstanceOf(AssertionError.class);
    assertThat(failure.getMessage()).doesNotContain("secret").doesNotContain("tok-1");

    CompletableFuture<AccessToken> next = provider.tokenAsync();
    assertThat(endpoint.requests()).as("the next call is not left waiting for the broken refresh").isEqualTo(2);
    answers.get(1).complete(endpoint.token(2));
    assertThat(next.get().value()).isEqualTo("tok-2");
    assertThat(provider.token().value()).isEqualTo("tok-2");
    assertThat(endpoint.requests()).isEqualTo(2);
  }

  private static Throwable catchCause(CompletableFuture<?> future) {
    try {
      future.get();
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
