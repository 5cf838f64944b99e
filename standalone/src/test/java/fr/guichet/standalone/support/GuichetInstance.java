package fr.guichet.standalone.support;

import fr.guichet.standalone.GuichetApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/** One running platform, in this JVM, on a data directory of the test's choosing. */
public final class GuichetInstance implements AutoCloseable {

  private final ConfigurableApplicationContext context;

  private GuichetInstance(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /** Starts on a free port unless {@code extraArgs} name one with {@code --server.port=}. */
  public static GuichetInstance start(Path dataDir, String... extraArgs) {
    GuichetApplication.quietDefaults();
    List<String> args = new ArrayList<>();
    args.add("--guichet.data-dir=" + dataDir.toAbsolutePath());
    if (Stream.of(extraArgs).noneMatch(arg -> arg.startsWith("--server.port="))) {
      args.add("--server.port=0");
    }
    args.add("--db-scheduler.polling-interval=500ms");
    args.add("--guichet.security.bcrypt-strength=4");
    args.addAll(List.of(extraArgs));
    return new GuichetInstance(
        new SpringApplicationBuilder(GuichetApplication.class).run(args.toArray(String[]::new)));
  }

  public int port() {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /**
   * A client of this platform. Requests carrying {@code X-Actor-Id} / {@code X-Actor-Role} and no
   * credentials are sent with a bearer token for that actor ({@link ActorHeadersAsBearer}).
   */
  public WebTestClient http() {
    // One connection per request, as the server closes each one anyway (see KeepAliveLimit).
    return WebTestClient.bindToServer(
            new org.springframework.http.client.reactive.ReactorClientHttpConnector(
                reactor.netty.http.client.HttpClient.newConnection()))
        .baseUrl("http://localhost:" + port())
        .responseTimeout(Duration.ofSeconds(30))
        .filter(ActorHeadersAsBearer.of(context))
        .build();
  }

  /** Turns the X-Actor-* headers of a test's request into a bearer token for that actor. */
  public ActorHeadersAsBearer actorHeadersAsBearer() {
    return ActorHeadersAsBearer.of(context);
  }

  public CommandGateway commands() {
    return context.getBean(CommandGateway.class);
  }

  public EventStore eventStore() {
    return context.getBean(EventStore.class);
  }

  /** Every event of one aggregate, in order, as stored. */
  public List<DomainEventMessage<?>> history(String aggregateId) {
    List<DomainEventMessage<?>> events = new ArrayList<>();
    eventStore().readEvents(aggregateId).forEachRemaining(events::add);
    return events;
  }

  public List<Object> payloads(String aggregateId) {
    return history(aggregateId).stream().map(m -> (Object) m.getPayload()).toList();
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public <T> T bean(String name, Class<T> type) {
    return context.getBean(name, type);
  }

  @Override
  public void close() {
    context.close();
  }
}
