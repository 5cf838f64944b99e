package fr.guichet.standalone.support;

import fr.guichet.command.security.AccessTokens;
import java.util.Locale;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

/**
 * Lets tests say who calls with {@code X-Actor-Id} / {@code X-Actor-Role} (as they did before
 * sign-in existed): a request carrying either header and no {@code Authorization} leaves with a
 * bearer token for that actor and role (role SPECTATOR when absent), minted by the platform's own
 * {@link AccessTokens}, and without the actor headers. The platform itself ignores client-sent
 * actor headers; this lives in test code only. Requests that already carry credentials, or no actor
 * header, go out untouched.
 */
public final class ActorHeadersAsBearer implements ExchangeFilterFunction {

  public static final String ID_HEADER = "X-Actor-Id";
  public static final String ROLE_HEADER = "X-Actor-Role";

  private final AccessTokens tokens;

  public ActorHeadersAsBearer(AccessTokens tokens) {
    this.tokens = tokens;
  }

  /** The filter for the platform running in {@code context}. */
  public static ActorHeadersAsBearer of(ApplicationContext context) {
    return new ActorHeadersAsBearer(context.getBean(AccessTokens.class));
  }

  @Override
  public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
    HttpHeaders headers = request.headers();
    String id = headers.getFirst(ID_HEADER);
    String role = headers.getFirst(ROLE_HEADER);
    if ((id == null && role == null) || headers.containsHeader(HttpHeaders.AUTHORIZATION)) {
      return next.exchange(request);
    }
    String actorRole = role == null ? "SPECTATOR" : role;
    String actorId = id == null ? actorRole.toLowerCase(Locale.ROOT) + "-1" : id;
    String token = tokens.issue(actorId, actorRole).token();
    return next.exchange(
        ClientRequest.from(request)
            .headers(
                h -> {
                  h.remove(ID_HEADER);
                  h.remove(ROLE_HEADER);
                  h.setBearerAuth(token);
                })
            .build());
  }
}
