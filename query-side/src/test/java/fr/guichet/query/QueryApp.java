package fr.guichet.query;

import java.time.Duration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The query side running in-process on random ports; events are appended to its in-memory store as
 * the command side would, with their aggregate sequence numbers.
 */
public final class QueryApp implements AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final WebTestClient http;

  public QueryApp(String... extraArgs) {
    String[] args = new String[QueryTestApplication.ARGS.length + extraArgs.length];
    System.arraycopy(QueryTestApplication.ARGS, 0, args, 0, QueryTestApplication.ARGS.length);
    System.arraycopy(extraArgs, 0, args, QueryTestApplication.ARGS.length, extraArgs.length);
    context = new SpringApplicationBuilder(QueryTestApplication.class).run(args);
    int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    http =
        WebTestClient.bindToServer()
            .baseUrl("http://127.0.0.1:" + port)
            .responseTimeout(Duration.ofSeconds(30))
            .build();
  }

  public WebTestClient http() {
    return http;
  }

  public int port() {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** Appends {@code payload} as event {@code seq} of aggregate {@code aggregateId}. */
  public void append(String aggregateType, String aggregateId, long seq, Object payload) {
    bean(EventStore.class)
        .publish(new GenericDomainEventMessage<>(aggregateType, aggregateId, seq, payload));
  }

  @Override
  public void close() {
    context.close();
  }
}
