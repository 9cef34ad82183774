package io.github.osdatahub.oauth2.examples.springboot;

import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * A Spring Boot 4 application on os-oauth2-spring-boot-starter: OS Names through a {@code RestClient} and
 * an {@code @HttpExchange} interface ({@link NamesApi}), and the token relay for the map page in
 * {@code static/index.html}. With {@code OS_PROJECT_API_KEY} and {@code OS_PROJECT_API_SECRET} set it calls
 * {@code api.os.uk}; without them it starts an embedded {@code FakeOsDataHub} and points itself there.
 *
 * <pre>
 * ./mvnw -pl examples/spring-boot spring-boot:run     (then http://localhost:8080/names?q=Southampton)
 * </pre>
 */
@SpringBootApplication
@ImportHttpServices(group = "os", types = NamesApi.class)
public class MapApplication {
  public static void main(String[] args) {
    SpringApplication application = new SpringApplication(MapApplication.class);
    if (System.getenv(ProjectCredentials.KEY_VARIABLE) == null) {
      FakeOsDataHub hub = FakeOsDataHub.builder().start(); // lives as long as the JVM: a demo
      System.setProperty("os.datahub.key", hub.key());
      System.setProperty("os.datahub.secret", hub.secret());
      System.setProperty("os.datahub.token-url", hub.tokenUri().toString());
      System.setProperty("os.datahub.scope", hub.host() + ":" + hub.port());
      System.setProperty("spring.http.serviceclient.os.base-url", hub.baseUri().toString());
    }
    application.run(args);
  }
}
