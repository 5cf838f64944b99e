package fr.guichet.command.security;

import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * Signs a browser in and out. Signing in is where session fixation and CSRF token fixation are
 * defeated: the session gets a new id (whatever id the browser came with, planted or not, no longer
 * names a signed-in session) and a new CSRF token bound to it (the token of before sign-in is
 * refused from then on).
 */
@Component
public class BrowserSessions {

  private final WebSessionServerSecurityContextRepository contexts =
      new WebSessionServerSecurityContextRepository();
  private final SessionBoundCsrfTokens csrfTokens;

  public BrowserSessions(SessionBoundCsrfTokens csrfTokens) {
    this.csrfTokens = csrfTokens;
  }

  /**
   * Starts the signed-in session of {@code account}, with {@code attributes} beside it, and returns
   * the session's new CSRF token.
   */
  public Mono<CsrfToken> signIn(
      ServerWebExchange exchange, Authentication account, Map<String, Object> attributes) {
    return exchange
        .getSession()
        .flatMap(
            session -> {
              session.getAttributes().putAll(attributes);
              return session.changeSessionId();
            })
        .then(contexts.save(exchange, new SecurityContextImpl(account)))
        .then(csrfTokens.rotate(exchange));
  }

  /** Ends the browser's session; its CSRF token goes with it. */
  public Mono<Void> signOut(ServerWebExchange exchange) {
    return exchange
        .getSession()
        .flatMap(WebSession::invalidate)
        .then(csrfTokens.saveToken(exchange, null));
  }
}
