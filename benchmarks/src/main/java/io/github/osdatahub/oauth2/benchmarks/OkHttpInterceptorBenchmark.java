package io.github.osdatahub.oauth2.benchmarks;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.TimeSource;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.okhttp.OsDataHubInterceptor;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Requests per second through an {@code OkHttpClient} to a loopback server (a JDK {@code HttpServer}
 * answering 200 with a short body), in one run: with {@code OsDataHubInterceptor} and
 * {@code OsDataHubAuthenticator} installed over a warm {@code CachingTokenProvider}; with an
 * interceptor that adds a fixed {@code Authorization} header (what an application would otherwise
 * write); and with no interceptor, for scale. Each client has its own connection pool, kept warm.
 *
 * <p>On a loaded machine the socket round trip's noise hides a difference of a few percent, so the
 * {@code inMemory*} methods run the same calls through the same clients with a last application
 * interceptor that answers 200 itself: the whole OkHttp call path without the socket, where the
 * cost of the interceptor itself shows.
 *
 * <pre>
 * ./mvnw -B -o -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar OkHttpInterceptorBenchmark -f 1 -wi 3 -i 5 -t 2
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// TCP_NODELAY for the loopback server: see LoopbackApiServer.
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
@State(Scope.Benchmark)
public class OkHttpInterceptorBenchmark {
  private static final MediaType JSON = MediaType.get("application/json");

  private LoopbackApiServer server;
  private CachingTokenProvider provider;
  private OkHttpClient ours;
  private OkHttpClient staticHeader;
  private OkHttpClient noInterceptor;
  private Request request;
  private OkHttpClient oursInMemory;
  private OkHttpClient staticHeaderInMemory;
  private OkHttpClient noInterceptorInMemory;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    server = new LoopbackApiServer();
    request = new Request.Builder()
        .url(server.namesUri().toString())
        .build();

    provider = new InMemoryTokenEndpoint(Duration.ofDays(1), Duration.ZERO).provider(TimeSource.system());
    String fixed = provider.token().authorizationHeader();
    ours = OsDataHubInterceptor.installOn(new OkHttpClient.Builder(), provider, TokenScope.of("127.0.0.1")).build();
    staticHeader = new OkHttpClient.Builder()
        .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("Authorization", fixed).build()))
        .build();
    noInterceptor = new OkHttpClient();
    Interceptor answer200 = chain -> new Response.Builder().request(chain.request()).protocol(Protocol.HTTP_1_1)
        .code(200).message("OK").body(ResponseBody.create(LoopbackApiServer.BODY, JSON)).build();
    oursInMemory = ours.newBuilder().addInterceptor(answer200).build();
    staticHeaderInMemory = staticHeader.newBuilder().addInterceptor(answer200).build();
    noInterceptorInMemory = noInterceptor.newBuilder().addInterceptor(answer200).build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    for (OkHttpClient client : new OkHttpClient[] {ours, staticHeader, noInterceptor}) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
    server.close();
    provider.close();
  }

  private static int call(OkHttpClient client, Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      response.body().bytes();
      if (response.code() != 200) {
        throw new IllegalStateException("status " + response.code());
      }
      return response.code();
    }
  }

  @Benchmark
  public int osDataHubInterceptor() throws IOException {
    return call(ours, request);
  }

  @Benchmark
  public int staticHeaderInterceptor() throws IOException {
    return call(staticHeader, request);
  }

  @Benchmark
  public int noInterceptor() throws IOException {
    return call(noInterceptor, request);
  }

  @Benchmark
  public int inMemoryOsDataHubInterceptor() throws IOException {
    return call(oursInMemory, request);
  }

  @Benchmark
  public int inMemoryStaticHeaderInterceptor() throws IOException {
    return call(staticHeaderInMemory, request);
  }

  @Benchmark
  public int inMemoryNoInterceptor() throws IOException {
    return call(noInterceptorInMemory, request);
  }
}
