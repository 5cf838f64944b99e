package fr.guichet.command.security;

import fr.guichet.command.web.Actor;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The only writer of the actor headers: removes whatever {@code X-Actor-Id} / {@code X-Actor-Role}
 * the client sent and, when someone is signed in, sets them from the verified principal. {@link
 * Actor#from} reads them, so every controller sees the authenticated account and nothing else.
 */
class ActorWebFilter implements WebFilter {

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest stripped =
        exchange
            .getRequest()
            .mutate()
            .headers(
                headers -> {
                  headers.remove(Actor.ID_HEADER);
                  headers.remove(Actor.ROLE_HEADER);
                })
            .build();
    return ReactiveSecurityContextHolder.getContext()
        .map(SecurityContext::getAuthentication)
        .filter(AccountAuthentication.class::isInstance)
        .cast(AccountAuthentication.class)
        .map(
            account ->
                stripped
                    .mutate()
                    .header(Actor.ID_HEADER, account.accountId())
                    .header(Actor.ROLE_HEADER, account.role())
                    .build())
        .defaultIfEmpty(stripped)
        .flatMap(request -> chain.filter(exchange.mutate().request(request).build()));
  }
}
