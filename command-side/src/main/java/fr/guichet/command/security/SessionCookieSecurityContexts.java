package fr.guichet.command.security;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The signed-in browser's security context, kept in its web session; a request without the session
 * cookie has no session to read it from, so nothing is looked up. Asking for the session of such a
 * request (every bearer-token call: scripts, the API, the load of an onsale) would make the session
 * store create a fresh, never-saved one, with a random id and two thread hand-offs (Spring's
 * in-memory store creates sessions on the bounded-elastic scheduler and continues on the parallel
 * one), only to find it empty. Saving (signing a browser in) always goes to the session.
 */
final class SessionCookieSecurityContexts implements ServerSecurityContextRepository {

  private final WebSessionServerSecurityContextRepository sessions =
      new WebSessionServerSecurityContextRepository();

  @Override
  public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
    return sessions.save(exchange, context);
  }

  @Override
  public Mono<SecurityContext> load(ServerWebExchange exchange) {
    if (!exchange.getRequest().getCookies().containsKey(SecurityConfiguration.SESSION_COOKIE)) {
      return Mono.empty();
    }
    return sessions.load(exchange);
  }
}
