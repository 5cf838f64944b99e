package fr.guichet.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A manager changes the pricing rules and a buyer's order keeps the price it was given: the whole
 * story over HTTP against the standalone platform.
 */
class PricingScenarioIT {

  static ConfigurableApplicationContext app;
  static WebTestClient http;

  @BeforeAll
  static void start() throws Exception {
    Path data = Files.createTempDirectory(Path.of("target"), "pricing-scenario-");
    GuichetApplication.quietDefaults();
    app =
        new SpringApplicationBuilder(GuichetApplication.class)
            .run("--server.port=0", "--guichet.data-dir=" + data.toAbsolutePath());
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    http =
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + port)
            .responseTimeout(Duration.ofSeconds(30))
            .build();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  static WebTestClient.RequestBodySpec post(String uri, String actor, String role) {
    return http.post()
        .uri(uri)
        .header("X-Actor-Id", actor)
        .header("X-Actor-Role", role)
        .header("Idempotency-Key", "key-" + UUID.randomUUID());
  }

  static Map<String, Object> read(String uri, String actor, String role) {
    return http.get()
        .uri(uri)
        .header("X-Actor-Id", actor)
        .header("X-Actor-Role", role)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
        .returnResult()
        .getResponseBody();
  }

  String openEvent() {
    Map<?, ?> created =
        post("/api/events", "manon", "MANAGER")
            .bodyValue(
                Map.of(
                    "title", "Carmen",
                    "venue", "Grande salle",
                    "startsAt", Instant.now().plus(Duration.ofDays(60)).toString()))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    String eventId = (String) created.get("eventId");
    http.put()
        .uri("/api/events/" + eventId + "/seating-plan")
        .header("X-Actor-Id", "manon")
        .header("X-Actor-Role", "MANAGER")
        .bodyValue(
            Map.of(
                "categories",
                List.of(
                    Map.of(
                        "code", "CAT1",
                        "name", "Catégorie 1",
                        "tiers",
                            List.of(
                                Map.of("code", "STANDARD", "name", "Plein", "priceCents", 5500)))),
                "sections",
                List.of(
                    Map.of(
                        "code",
                        "ORCH",
                        "name",
                        "Orchestre",
                        "blocks",
                        List.of(
                            Map.of(
                                "rows",
                                "A-C",
                                "firstSeat",
                                1,
                                "lastSeat",
                                10,
                                "category",
                                "CAT1")))),
                "zones",
                List.of()))
        .exchange()
        .expectStatus()
        .isNoContent();
    post("/api/events/" + eventId + "/approval", "diane", "DIRECTOR")
        .exchange()
        .expectStatus()
        .isNoContent();
    post("/api/events/" + eventId + "/opening", "manon", "MANAGER")
        .exchange()
        .expectStatus()
        .isNoContent();
    return eventId;
  }

  String hold(String eventId, String buyer, List<String> places) {
    Map<?, ?> outcome =
        post("/api/events/" + eventId + "/holds", buyer, "SPECTATOR")
            .bodyValue(Map.of("placeIds", places))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return (String) outcome.get("orderId");
  }

  Map<String, Object> explanationOnceSettled(String orderId, String lang) {
    List<Map<String, Object>> last = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Map<String, Object> e =
                  read(
                      "/api/orders/" + orderId + "/price-explanation?lang=" + lang,
                      "auditor",
                      "AUDITOR");
              assertThat(
                      e.get("ruleSetVersion") != null && (int) e.get("ruleSetVersion") > 0
                          || e.get("failure") != null
                              && !"Not priced yet.".equals(e.get("failure")))
                  .isTrue();
              last.clear();
              last.add(e);
            });
    return last.get(0);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> tickets(Map<String, Object> explanation) {
    return (List<Map<String, Object>>) explanation.get("tickets");
  }

  @Test
  @SuppressWarnings("unchecked")
  void a_manager_changes_the_rules_and_a_priced_order_keeps_its_price() {
    String eventId = openEvent();
    int v0 = (int) read("/api/pricing/rules", "manon", "MANAGER").get("version");
    String orderId = hold(eventId, "bea", List.of("ORCH-A-1", "ORCH-A-2", "ORCH-A-3", "ORCH-A-4"));

    Map<String, Object> atCreation = explanationOnceSettled(orderId, "fr");
    assertThat(atCreation.get("ruleSetVersion")).isEqualTo(v0);
    assertThat(atCreation.get("reason")).isEqualTo("ORDER_CREATED");
    assertThat(atCreation.get("totalCents")).isEqualTo(22000);

    http.put()
        .uri("/api/pricing/subscriptions/AB-2026")
        .header("X-Actor-Id", "manon")
        .header("X-Actor-Role", "MANAGER")
        .bodyValue(Map.of("validFrom", "2020-01-01", "validTo", "2100-12-31"))
        .exchange()
        .expectStatus()
        .isNoContent();

    post("/api/orders/" + orderId + "/rates", "bea", "SPECTATOR")
        .bodyValue(
            Map.of(
                "tickets",
                List.of(
                    Map.of(
                        "placeId",
                        "ORCH-A-2",
                        "rate",
                        "SUBSCRIBER",
                        "subscriptionNumber",
                        "AB-1999"))))
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("invalid-subscription")
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("AB-1999 is unknown"));

    post("/api/orders/" + orderId + "/rates", "bea", "SPECTATOR")
        .bodyValue(
            Map.of(
                "tickets",
                List.of(
                    Map.of("placeId", "ORCH-A-1", "rate", "STUDENT", "studentProof", "CARTE-42"),
                    Map.of(
                        "placeId",
                        "ORCH-A-2",
                        "rate",
                        "SUBSCRIBER",
                        "subscriptionNumber",
                        "AB-2026"))))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.ruleSetVersion")
        .isEqualTo(v0)
        .jsonPath("$.totalCents")
        .isEqualTo(4400 + 4950 + 5500 + 5500);

    Map<String, Object> inForce = read("/api/pricing/rules", "manon", "MANAGER");
    List<Map<String, Object>> files = (List<Map<String, Object>>) inForce.get("files");
    List<Map<String, Object>> broken = new ArrayList<>();
    List<Map<String, Object>> studentsHalfPrice = new ArrayList<>();
    for (Map<String, Object> file : files) {
      String content = (String) file.get("content");
      broken.add(Map.of("name", file.get("name"), "content", content.replace("when", "whenn")));
      studentsHalfPrice.add(
          Map.of(
              "name",
              file.get("name"),
              "content",
              content.replace("new Discount( $t, 20 )", "new Discount( $t, 50 )")));
    }

    post("/api/pricing/rules/versions", "manon", "MANAGER")
        .bodyValue(Map.of("files", broken, "comment", "typo"))
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("rules-do-not-compile")
        .jsonPath("$.errors[0].line")
        .value(line -> assertThat((Integer) line).isPositive());
    assertThat(read("/api/pricing/rules", "manon", "MANAGER").get("version")).isEqualTo(v0);

    post("/api/pricing/rules/versions", "bea", "SPECTATOR")
        .bodyValue(Map.of("files", studentsHalfPrice, "comment", "Étudiants à moitié prix"))
        .exchange()
        .expectStatus()
        .isForbidden();
    post("/api/pricing/rules/versions", "manon", "MANAGER")
        .bodyValue(Map.of("files", studentsHalfPrice, "comment", "Étudiants à moitié prix"))
        .exchange()
        .expectStatus()
        .isCreated()
        .expectBody()
        .jsonPath("$.version")
        .isEqualTo(v0 + 1);

    Map<String, Object> after =
        read("/api/orders/" + orderId + "/price-explanation", "bea", "SPECTATOR");
    assertThat(after.get("ruleSetVersion")).isEqualTo(v0);
    assertThat(after.get("reason")).isEqualTo("RATES_CHOSEN");
    assertThat(tickets(after).get(0).get("finalCents")).isEqualTo(4400);
    assertThat((List<Map<String, Object>>) tickets(after).get(0).get("rules"))
        .extracting(r -> r.get("name") + " = " + r.get("description"))
        .containsExactly(
            "full-price = Plein tarif : palier STANDARD de la catégorie, sinon son premier palier",
            "student-discount = Tarif étudiant : -20 % avec un justificatif d'études par billet");
    http.get()
        .uri("/api/orders/" + orderId + "/price-explanation")
        .header("X-Actor-Id", "someone-else")
        .exchange()
        .expectStatus()
        .isNotFound();

    String secondOrder = hold(eventId, "chloe", List.of("ORCH-B-1"));
    explanationOnceSettled(secondOrder, "fr");
    post("/api/orders/" + secondOrder + "/rates", "chloe", "SPECTATOR")
        .bodyValue(
            Map.of(
                "tickets",
                List.of(
                    Map.of("placeId", "ORCH-B-1", "rate", "STUDENT", "studentProof", "CARTE-7"))))
        .exchange()
        .expectStatus()
        .is2xxSuccessful();
    Map<String, Object> underV2 = explanationOnceSettled(secondOrder, "en");
    assertThat(underV2.get("ruleSetVersion")).isEqualTo(v0 + 1);
    assertThat(tickets(underV2).get(0).get("finalCents")).isEqualTo(2750);

    post("/api/pricing/rules/rollback", "manon", "MANAGER")
        .bodyValue(Map.of("toVersion", v0, "comment", "Retour aux -20 %"))
        .exchange()
        .expectStatus()
        .isCreated()
        .expectBody()
        .jsonPath("$.version")
        .isEqualTo(v0 + 2);
    Map<String, Object> v3 = read("/api/pricing/rules/versions/" + (v0 + 2), "auditor", "AUDITOR");
    assertThat(v3.get("republishedVersion")).isEqualTo(v0);
    assertThat(v3.get("files")).isEqualTo(files);
    assertThat(v3.get("author")).isEqualTo("manon");
  }

  @Test
  @SuppressWarnings("unchecked")
  void a_basket_no_rule_can_price_is_refused_at_hold_time_with_422_and_nothing_is_held() {
    String eventId = openEvent();
    Map<String, Object> inForce = read("/api/pricing/rules", "manon", "MANAGER");
    List<Map<String, Object>> files = new ArrayList<>();
    for (Map<String, Object> file : (List<Map<String, Object>>) inForce.get("files")) {
      if (!"full-prices.drl".equals(file.get("name"))) {
        files.add(file);
      }
    }
    post("/api/pricing/rules/versions", "manon", "MANAGER")
        .bodyValue(Map.of("files", files, "comment", "oubli des pleins tarifs"))
        .exchange()
        .expectStatus()
        .isCreated();
    try {
      post("/api/events/" + eventId + "/holds", "dan", "SPECTATOR")
          .bodyValue(Map.of("placeIds", List.of("ORCH-C-1", "ORCH-C-2")))
          .exchange()
          .expectStatus()
          .isEqualTo(422)
          .expectHeader()
          .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody()
          .jsonPath("$.code")
          .isEqualTo("no-full-price")
          .jsonPath("$.detail")
          .value(detail -> assertThat((String) detail).contains("ORCH-C-1 (CAT1)"))
          .jsonPath("$.places[0]")
          .isEqualTo("ORCH-C-1");
    } finally {
      int latest = (int) read("/api/pricing/rules", "manon", "MANAGER").get("version");
      post("/api/pricing/rules/rollback", "manon", "MANAGER")
          .bodyValue(Map.of("toVersion", latest - 1, "comment", "remise des pleins tarifs"))
          .exchange()
          .expectStatus()
          .isCreated();
    }
    String orderId = hold(eventId, "eve", List.of("ORCH-C-1", "ORCH-C-2"));
    assertThat(orderId).isNotBlank();
  }

  @Test
  void the_pricing_admin_page_and_its_editor_are_served() {
    http.get()
        .uri("/admin/pricing/")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith("text/html")
        .expectBody(String.class)
        .value(html -> assertThat(html).contains("Règles de prix").contains("codemirror.js"));
    http.get()
        .uri("/admin/pricing/vendor/codemirror-5.65.18/codemirror.js")
        .exchange()
        .expectStatus()
        .isOk();
    http.get().uri("/admin/pricing/pricing.js").exchange().expectStatus().isOk();
  }
}
