package fr.guichet.standalone;

import fr.guichet.standalone.support.ActorHeadersAsBearer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The whole platform in-process on a random port and a temporary data directory, driven by HTTP.
 */
final class Guichet implements AutoCloseable {

  static final String PLAN =
      """
      {"categories":[
         {"code":"CARRE_OR","name":"Carré Or","tiers":[{"code":"FULL","name":"Plein","priceCents":8000}]},
         {"code":"CAT2","name":"Catégorie 2","tiers":[{"code":"FULL","name":"Plein","priceCents":3500}]}],
       "sections":[
         {"code":"ORCH","name":"Orchestre","blocks":[{"rows":"A-B","firstSeat":1,"lastSeat":5,"category":"CARRE_OR"}]},
         {"code":"BALC","name":"Balcon","blocks":[{"rows":"A","firstSeat":1,"lastSeat":10,"category":"CAT2"}]}],
       "zones":[]}
      """;

  private final ConfigurableApplicationContext context;
  private final WebTestClient http;
  private final int port;

  Guichet(Path dataDir, String... extraArgs) {
    GuichetApplication.quietDefaults();
    String[] base = {
      "--server.port=0", "--guichet.data-dir=" + dataDir, "--spring.main.banner-mode=off"
    };
    String[] args = new String[base.length + extraArgs.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extraArgs, 0, args, base.length, extraArgs.length);
    context = new SpringApplicationBuilder(GuichetApplication.class).run(args);
    port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    http =
        WebTestClient.bindToServer()
            .baseUrl(baseUrl())
            .responseTimeout(Duration.ofSeconds(20))
            .filter(actorHeadersAsBearer())
            .build();
  }

  /** Turns the X-Actor-* headers these tests send into a bearer token for that actor. */
  ActorHeadersAsBearer actorHeadersAsBearer() {
    return ActorHeadersAsBearer.of(context);
  }

  /** A WebClient on this platform that signs X-Actor-* requests in as that actor. */
  WebClient webClient() {
    return WebClient.builder().baseUrl(baseUrl()).filter(actorHeadersAsBearer()).build();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  WebTestClient http() {
    return http;
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  int beanCount(Class<?> type) {
    return context.getBeanNamesForType(type).length;
  }

  /** Creates an event with {@link #PLAN}, approves it and opens its sales; returns its id. */
  String eventOnSale(String title) {
    String eventId =
        (String)
            http.post()
                .uri("/api/events")
                .header("X-Actor-Id", "manager-1")
                .header("X-Actor-Role", "MANAGER")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                    Map.of(
                        "title", title,
                        "venue", "Opéra Garnier",
                        "startsAt", "2027-03-14T20:00:00Z",
                        "description", "Soirée"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("eventId");
    manager()
        .put()
        .uri("/api/events/{id}/seating-plan", eventId)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(PLAN)
        .exchange()
        .expectStatus()
        .isNoContent();
    http.post()
        .uri("/api/events/{id}/approval", eventId)
        .header("X-Actor-Id", "director-1")
        .header("X-Actor-Role", "DIRECTOR")
        .exchange()
        .expectStatus()
        .isNoContent();
    manager()
        .post()
        .uri("/api/events/{id}/opening", eventId)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isNoContent();
    return eventId;
  }

  WebTestClient manager() {
    return http.mutate()
        .defaultHeader("X-Actor-Id", "manager-1")
        .defaultHeader("X-Actor-Role", "MANAGER")
        .build();
  }

  /** Holds {@code placeIds} for {@code customer}; returns the order id. */
  String hold(String eventId, String customer, List<String> placeIds) {
    return (String)
        http.post()
            .uri("/api/events/{id}/holds", eventId)
            .header("X-Actor-Id", customer)
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("placeIds", placeIds))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("orderId");
  }

  /** Confirms (pays) a held order as the box office would. */
  void confirm(String eventId, String orderId) {
    manager()
        .post()
        .uri("/api/events/{id}/holds/{order}/box-office-payment", eventId, orderId)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("method", "CARD_TERMINAL", "reference", "pay-" + orderId))
        .exchange()
        .expectStatus()
        .isOk();
  }

  @Override
  public void close() {
    context.close();
  }
}
