package io.github.osdatahub.oauth2.relay;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The relay through {@link TokenRelayServlet} in a real Servlet 6 container (Jetty 12, ee10), registered
 * with {@link TokenRelayServlet#installOn} from a container initializer as an application would.
 */
class ServletRelayTest extends RelayContract {
  @Override
  URI serve(TokenRelay relay, List<AutoCloseable> toClose) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    connector.setAcceptQueueSize(1024);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServletContainerInitializer((classes, servletContext) -> TokenRelayServlet.installOn(servletContext, relay));
    server.setHandler(context);
    server.start();
    toClose.add(server::stop);
    return URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  @Override
  Class<?> serverRequestType() {
    return HttpServletRequest.class;
  }
}
