package fr.guichet.command.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/** Our header checks answer exactly as Spring Security's strict firewall's patterns do. */
class HeaderFirewallTest {

  @Test
  void every_code_point_is_judged_as_spring_judges_it() {
    List<String> differences = new ArrayList<>();
    for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
      String text = "a" + new String(Character.toChars(codePoint)) + "b";
      compare(text, differences);
    }
    assertThat(differences).isEmpty();
  }

  @Test
  void lone_surrogates_and_mixed_strings_are_judged_as_spring_judges_them() {
    List<String> differences = new ArrayList<>();
    compare("\uD800", differences);
    compare("x\uDC00y", differences);
    compare("\uDBFF\uDFFF", differences);
    compare("", differences);
    Random random = new Random(11);
    int[] pool = {'a', 'Z', '\t', '\n', '\r', 0, 0x7F, 0x85, 0x9F, 0xA0, 0x378, 0xE9, 0x1F600};
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int j = random.nextInt(6); j >= 0; j--) {
        text.appendCodePoint(pool[random.nextInt(pool.length)]);
      }
      compare(text.toString(), differences);
    }
    assertThat(differences).isEmpty();
  }

  @Test
  void a_bearer_token_passes_and_a_line_break_or_bell_does_not() {
    String bearer = "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJiZWEifQ.c2lnbmF0dXJl-_";
    assertThat(HeaderFirewall.allowedValue(bearer)).isTrue();
    assertThat(HeaderFirewall.allowedValue("text/html;\tq=0.9")).isTrue();
    assertThat(HeaderFirewall.allowedName("X-Guichet\t")).isFalse();
    assertThat(HeaderFirewall.allowedValue("a\r\nSet-Cookie: x")).isFalse();
    assertThat(HeaderFirewall.allowedValue("ring\u0007")).isFalse();
    assertThat(HeaderFirewall.allowedValue(null)).isTrue();
  }

  @Test
  void the_firewall_refuses_a_header_with_a_control_character_when_it_is_read() {
    MockServerWebExchange exchange =
        MockServerWebExchange.from(
            MockServerHttpRequest.get("/api/events")
                .header("Authorization", "Bearer abc.def.ghi")
                .header("X-Note", "ring\u0007"));
    var firewalled = HeaderFirewall.strict().getFirewalledExchange(exchange).block();

    assertThat(firewalled.getRequest().getHeaders().getFirst("Authorization"))
        .isEqualTo("Bearer abc.def.ghi");
    assertThatThrownBy(() -> firewalled.getRequest().getHeaders().getFirst("X-Note"))
        .isInstanceOf(ServerExchangeRejectedException.class);
  }

  private static void compare(String text, List<String> differences) {
    check(
        "name",
        text,
        StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES,
        HeaderFirewall::allowedName,
        differences);
    check(
        "value",
        text,
        StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES,
        HeaderFirewall::allowedValue,
        differences);
  }

  private static void check(
      String what,
      String text,
      Predicate<String> spring,
      Predicate<String> ours,
      List<String> differences) {
    if (spring.test(text) != ours.test(text) && differences.size() < 20) {
      differences.add(what + " " + text.codePoints().mapToObj(Integer::toHexString).toList());
    }
  }
}
