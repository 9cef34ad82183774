package io.github.osdatahub.oauth2.benchmarks;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.TimeSource;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.apache.OsDataHubExecChain;
import io.github.osdatahub.oauth2.apache.OsDataHubExecChainHandler;
import io.github.osdatahub.oauth2.apache.OsDataHubRequestInterceptor;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.classic.ExecRuntime;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequestInterceptor;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
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
 * Requests per second through Apache HttpClient 5 to a loopback server (a JDK {@code HttpServer}
 * answering 200 with a short body), in one run. Classic client: with the os-oauth2 exec-chain
 * handler ({@code OsDataHubExecChain}), with the simple {@code OsDataHubRequestInterceptor}, with a
 * request interceptor that adds a fixed {@code Authorization} header (what an application would
 * otherwise write), and with nothing, for scale. Async client: the async exec-chain handler against
 * the same fixed-header interceptor. Every setup has its own warm connection pool and a warm
 * {@code CachingTokenProvider}. The two {@code handlerOnly} benchmarks run the classic exec-chain
 * handler, and a handler that sets a fixed header, over a chain that answers at once, to show the
 * handler's own cost without the network's noise.
 *
 * <pre>
 * ./mvnw -B -o -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar ApacheInterceptorBenchmark -f 1 -wi 3 -i 5 -t 2
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// TCP_NODELAY for the loopback server: see LoopbackApiServer.
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
@State(Scope.Benchmark)
public class ApacheInterceptorBenchmark {

  private LoopbackApiServer server;
  private CachingTokenProvider provider;
  private URI uri;
  private CloseableHttpClient execChain;
  private CloseableHttpClient requestInterceptor;
  private CloseableHttpClient staticHeader;
  private CloseableHttpClient noInterceptor;
  private CloseableHttpAsyncClient asyncExecChain;
  private CloseableHttpAsyncClient asyncStaticHeader;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    server = new LoopbackApiServer();
    uri = server.namesUri();

    provider = new InMemoryTokenEndpoint(Duration.ofDays(1), Duration.ZERO).provider(TimeSource.system());
    String fixed = provider.token().authorizationHeader();
    HttpRequestInterceptor fixedHeader = (request, entity, context) -> request.setHeader("Authorization", fixed);
    TokenScope scope = TokenScope.of("127.0.0.1");

    execChain = OsDataHubExecChain.installOn(classic(), provider, scope).build();
    requestInterceptor = classic().addRequestInterceptorLast(OsDataHubRequestInterceptor.create(provider, scope)).build();
    staticHeader = classic().addRequestInterceptorLast(fixedHeader).build();
    noInterceptor = classic().build();
    asyncExecChain = OsDataHubExecChain.installOn(async(), provider, scope).build();
    asyncStaticHeader = async().addRequestInterceptorLast(fixedHeader).build();
    asyncExecChain.start();
    asyncStaticHeader.start();
  }

  private static HttpClientBuilder classic() {
    return HttpClients.custom().setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
        .setMaxConnPerRoute(16).setMaxConnTotal(16).build());
  }

  private static HttpAsyncClientBuilder async() {
    return HttpAsyncClients.custom()
        .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build())
        .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
            .setMaxConnPerRoute(16).setMaxConnTotal(16).build());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    for (CloseableHttpClient client : new CloseableHttpClient[] {execChain, requestInterceptor, staticHeader,
        noInterceptor}) {
      client.close(CloseMode.IMMEDIATE);
    }
    asyncExecChain.close(CloseMode.IMMEDIATE);
    asyncStaticHeader.close(CloseMode.IMMEDIATE);
    server.close();
    provider.close();
  }

  private static int call(CloseableHttpClient client, URI uri) throws IOException {
    return client.execute(new HttpGet(uri), response -> {
      EntityUtils.consume(response.getEntity());
      if (response.getCode() != 200) {
        throw new IllegalStateException("status " + response.getCode());
      }
      return response.getCode();
    });
  }

  private static int call(CloseableHttpAsyncClient client, URI uri) throws InterruptedException, ExecutionException {
    SimpleHttpResponse response = client.execute(SimpleRequestBuilder.get(uri).build(), null).get();
    if (response.getCode() != 200) {
      throw new IllegalStateException("status " + response.getCode());
    }
    return response.getCode();
  }

  /** One thread's exchange scope and a chain that answers 200 at once, for the handler-only benchmarks. */
  @State(Scope.Thread)
  public static class StubChain {
    ExecChain.Scope scope;
    ExecChain chain;
    ExecChainHandler ours;
    ExecChainHandler fixed;
    URI uri;

    @Setup(Level.Trial)
    public void setUp(ApacheInterceptorBenchmark benchmark) {
      uri = benchmark.uri;
      ExecRuntime unused = (ExecRuntime) Proxy.newProxyInstance(ExecRuntime.class.getClassLoader(),
          new Class<?>[] {ExecRuntime.class}, (proxy, method, args) -> {
            throw new UnsupportedOperationException(method.getName());
          });
      scope = new ExecChain.Scope("bench", new HttpRoute(new HttpHost("http", "127.0.0.1", uri.getPort())), new HttpGet(uri), unused,
          HttpClientContext.create());
      ClassicHttpResponse ok = new BasicClassicHttpResponse(200);
      chain = (request, s) -> ok;
      ours = OsDataHubExecChainHandler.create(benchmark.provider, TokenScope.of("127.0.0.1"));
      String header = benchmark.provider.token().authorizationHeader();
      fixed = (request, s, next) -> {
        request.setHeader("Authorization", header);
        return next.proceed(request, s);
      };
    }
  }

  @Benchmark
  public ClassicHttpResponse handlerOnlyExecChainHandler(StubChain stub) throws IOException, HttpException {
    return stub.ours.execute(new HttpGet(stub.uri), stub.scope, stub.chain);
  }

  @Benchmark
  public ClassicHttpResponse handlerOnlyStaticHeader(StubChain stub) throws IOException, HttpException {
    return stub.fixed.execute(new HttpGet(stub.uri), stub.scope, stub.chain);
  }

  @Benchmark
  public int classicExecChainHandler() throws IOException {
    return call(execChain, uri);
  }

  @Benchmark
  public int classicRequestInterceptor() throws IOException {
    return call(requestInterceptor, uri);
  }

  @Benchmark
  public int classicStaticHeader() throws IOException {
    return call(staticHeader, uri);
  }

  @Benchmark
  public int classicNoInterceptor() throws IOException {
    return call(noInterceptor, uri);
  }

  @Benchmark
  public int asyncExecChainHandler() throws InterruptedException, ExecutionException {
    return call(asyncExecChain, uri);
  }

  @Benchmark
  public int asyncStaticHeader() throws InterruptedException, ExecutionException {
    return call(asyncStaticHeader, uri);
  }
}
