package fr.guichet.command.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.mock.web.server.MockWebSession;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

class SessionCookieSecurityContextsTest {

  private final SessionCookieSecurityContexts contexts = new SessionCookieSecurityContexts();
  private final AtomicInteger sessionLookups = new AtomicInteger();

  @Test
  void a_signed_in_browser_gets_the_context_kept_in_its_session() {
    SecurityContext signedIn =
        new SecurityContextImpl(new AccountAuthentication("acc-1", "SPECTATOR"));
    MockServerWebExchange exchange =
        exchange(
            MockServerHttpRequest.post("/api/events/e1/holds")
                .cookie(new HttpCookie(SecurityConfiguration.SESSION_COOKIE, "s-1")),
            sessionHolding(signedIn));

    assertThat(contexts.load(exchange).block()).isEqualTo(signedIn);
    assertThat(sessionLookups).hasValue(1);
  }

  @Test
  void a_request_without_the_session_cookie_has_no_context_and_no_session_is_made_for_it() {
    MockServerWebExchange exchange =
        exchange(
            MockServerHttpRequest.post("/api/events/e1/holds")
                .header("Authorization", "Bearer token"),
            sessionHolding(new SecurityContextImpl(new AccountAuthentication("acc-1", "MANAGER"))));

    assertThat(contexts.load(exchange).blockOptional()).isEmpty();
    assertThat(sessionLookups).hasValue(0);
  }

  @Test
  void signing_in_saves_the_context_in_the_session() {
    MockWebSession session = new MockWebSession();
    MockServerWebExchange exchange =
        exchange(MockServerHttpRequest.post("/api/auth/session"), session);
    SecurityContext signedIn =
        new SecurityContextImpl(new AccountAuthentication("acc-2", "SPECTATOR"));

    contexts.save(exchange, signedIn).block();

    assertThat(
            (Object)
                session.getAttribute(
                    WebSessionServerSecurityContextRepository
                        .DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME))
        .isEqualTo(signedIn);
  }

  private static MockWebSession sessionHolding(SecurityContext context) {
    MockWebSession session = new MockWebSession();
    session
        .getAttributes()
        .put(
            WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME,
            context);
    return session;
  }

  private MockServerWebExchange exchange(
      MockServerHttpRequest.BaseBuilder<?> request, WebSession session) {
    return MockServerWebExchange.builder(request.build())
        .sessionManager(
            ignored ->
                Mono.fromSupplier(
                    () -> {
                      sessionLookups.incrementAndGet();
                      return session;
                    }))
        .build();
  }
}
