package fr.guichet.command.blocking;

import fr.guichet.command.web.ProblemWriter;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A blocked account may neither hold places nor pay: such requests are answered 403 problem+json
 * ({@code account-blocked}) with the manager's reason, before any command is sent. Runs after the
 * security chain and the rate limits, on the verified account id.
 */
@Component
@Order(BlockedAccountFilter.ORDER)
class BlockedAccountFilter implements WebFilter {

  static final int ORDER = -98;

  private static final Pattern GUARDED =
      Pattern.compile(
          "^/api/events/[^/]+/holds/?$|^/api/orders/[^/]+/payments/?$"
              + "|^/api/events/[^/]+/waiting-room/visitors/?$");

  private final BlockedAccounts blocked;

  BlockedAccountFilter(BlockedAccounts blocked) {
    this.blocked = blocked;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    String account = request.getHeaders().getFirst("X-Actor-Id");
    if (request.getMethod() != HttpMethod.POST
        || account == null
        || !GUARDED.matcher(request.getPath().pathWithinApplication().value()).matches()) {
      return chain.filter(exchange);
    }
    return Mono.fromCallable(() -> blocked.find(account))
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(
            block ->
                block.isPresent()
                    ? ProblemWriter.write(
                        exchange,
                        HttpStatus.FORBIDDEN,
                        "account-blocked",
                        "This account is blocked by the box office: " + block.get().reason(),
                        Map.of(
                            "reason",
                            block.get().reason(),
                            "blockedAt",
                            block.get().blockedAt().toString()))
                    : chain.filter(exchange));
  }
}
