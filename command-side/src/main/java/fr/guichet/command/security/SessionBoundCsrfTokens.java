package fr.guichet.command.security;

import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.DefaultCsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * CSRF tokens: a double-submit cookie ({@code XSRF-TOKEN}, readable by the pages' scripts) before
 * sign-in, and a token bound to the session once someone has signed in.
 *
 * <p>Before sign-in nobody has a server session (an anonymous visitor costs the server nothing), so
 * the token is the cookie's. A started session (a signed-in browser) holds its own token: the
 * cookie only mirrors it for the scripts, and a request whose header echoes any other value, the
 * token of before sign-in included, is refused. Signing in rotates the token ({@link
 * #rotate(ServerWebExchange)}), so a token planted or read before sign-in is worth nothing after.
 */
public final class SessionBoundCsrfTokens implements ServerCsrfTokenRepository {

  /** The session attribute holding the signed-in session's token. */
  static final String SESSION_ATTRIBUTE = SessionBoundCsrfTokens.class.getName() + ".token";

  private final CookieServerCsrfTokenRepository cookies =
      CookieServerCsrfTokenRepository.withHttpOnlyFalse();

  @Override
  public Mono<CsrfToken> generateToken(ServerWebExchange exchange) {
    return cookies.generateToken(exchange);
  }

  @Override
  public Mono<Void> saveToken(ServerWebExchange exchange, CsrfToken token) {
    return exchange
        .getSession()
        .doOnNext(session -> bind(session, token))
        .then(cookies.saveToken(exchange, token));
  }

  @Override
  public Mono<CsrfToken> loadToken(ServerWebExchange exchange) {
    return exchange
        .getSession()
        .flatMap(
            session -> {
              String bound = session.getAttribute(SESSION_ATTRIBUTE);
              return bound != null ? Mono.just(token(bound)) : cookies.loadToken(exchange);
            });
  }

  /**
   * Issues a new token for this exchange's session (bound to it and set as the cookie) and returns
   * it; the previous token stops working.
   */
  public Mono<CsrfToken> rotate(ServerWebExchange exchange) {
    return generateToken(exchange).flatMap(token -> saveToken(exchange, token).thenReturn(token));
  }

  private static void bind(WebSession session, CsrfToken token) {
    if (token == null) {
      session.getAttributes().remove(SESSION_ATTRIBUTE);
    } else if (session.isStarted()) {
      session.getAttributes().put(SESSION_ATTRIBUTE, token.getToken());
    }
  }

  private CsrfToken token(String value) {
    return new DefaultCsrfToken(HEADER_NAME, PARAMETER_NAME, value);
  }

  static final String HEADER_NAME = "X-XSRF-TOKEN";
  static final String PARAMETER_NAME = "_csrf";
}
