package fr.guichet.command.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.command.web.Actor;
import fr.guichet.command.web.Actor.Role;
import fr.guichet.command.web.CommandSender;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

class DeviceCookieFilterTest {

  private final DeviceCookieFilter filter =
      new DeviceCookieFilter("a test key of thirty-two bytes!!".getBytes(StandardCharsets.UTF_8));
  private final AtomicReference<ServerHttpRequest> passedOn = new AtomicReference<>();
  private final WebFilterChain chain =
      exchange -> {
        passedOn.set(exchange.getRequest());
        return Mono.empty();
      };

  @Test
  void a_browser_without_a_device_cookie_gets_a_random_one_and_the_request_carries_its_hash() {
    MockServerWebExchange exchange =
        MockServerWebExchange.from(MockServerHttpRequest.post("/api/events/ev-1/holds"));

    filter.filter(exchange, chain).block();

    ResponseCookie cookie = exchange.getResponse().getCookies().getFirst("guichet_device");
    assertThat(cookie).isNotNull();
    assertThat(cookie.getValue()).matches("[A-Za-z0-9_-]{22}");
    assertThat(cookie.isHttpOnly()).isTrue();
    assertThat(cookie.isSecure()).isTrue();
    assertThat(cookie.getSameSite()).isEqualTo("Strict");
    assertThat(cookie.getPath()).isEqualTo("/");
    String device = passedOn.get().getHeaders().getFirst(DeviceCookieFilter.HEADER);
    assertThat(device).isEqualTo(filter.hash(cookie.getValue())).startsWith("dv_");
    assertThat(device).doesNotContain(cookie.getValue());
  }

  @Test
  void a_known_device_keeps_its_cookie_and_its_hash_and_a_header_sent_by_the_client_is_replaced() {
    String cookie = "AAAAAAAAAAAAAAAAAAAAAA";
    MockServerWebExchange exchange =
        MockServerWebExchange.from(
            MockServerHttpRequest.post("/api/orders/o-1/payments")
                .cookie(new org.springframework.http.HttpCookie("guichet_device", cookie))
                .header(DeviceCookieFilter.HEADER, "dv_made_up_by_the_client"));

    filter.filter(exchange, chain).block();

    assertThat(exchange.getResponse().getCookies()).doesNotContainKey("guichet_device");
    assertThat(passedOn.get().getHeaders().get(DeviceCookieFilter.HEADER))
        .containsExactly(filter.hash(cookie));
  }

  @Test
  void a_malformed_cookie_is_replaced_and_pages_outside_the_api_are_left_alone() {
    MockServerWebExchange api =
        MockServerWebExchange.from(
            MockServerHttpRequest.post("/api/events/ev-1/holds")
                .cookie(new org.springframework.http.HttpCookie("guichet_device", "x'; DROP")));
    filter.filter(api, chain).block();
    assertThat(api.getResponse().getCookies().getFirst("guichet_device").getValue())
        .matches("[A-Za-z0-9_-]{22}");

    MockServerWebExchange page =
        MockServerWebExchange.from(MockServerHttpRequest.get("/event.html"));
    filter.filter(page, chain).block();
    assertThat(page.getResponse().getCookies()).isEmpty();
    assertThat(passedOn.get().getHeaders().getFirst(DeviceCookieFilter.HEADER)).isNull();
  }

  @Test
  void commands_sent_on_behalf_of_a_request_carry_the_hashed_device_in_their_metadata() {
    MockServerHttpRequest request =
        MockServerHttpRequest.post("/api/events/ev-1/holds")
            .header(DeviceCookieFilter.HEADER, "dv_abc")
            .build();

    assertThat(CommandSender.metaData(new Actor("ann", Role.SPECTATOR), request))
        .containsEntry("deviceId", "dv_abc");
  }
}
