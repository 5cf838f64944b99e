package fr.guichet.standalone.support;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** The sandbox bank's hosted payment page, driven without a browser. */
public final class SandboxBankPage {

  private SandboxBankPage() {}

  /** Submits {@code card} on the payment page at {@code path}; answers the page the bank shows. */
  public static String submitCard(WebTestClient http, String path, String card) {
    return http.post()
        .uri(path)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(BodyInserters.fromFormData("card", card))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }
}
