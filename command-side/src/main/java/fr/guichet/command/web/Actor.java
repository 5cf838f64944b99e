package fr.guichet.command.web;

import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import reactor.core.publisher.Mono;

/**
 * Who sends a request: the signed-in account (bearer token or browser session) and its role,
 * recorded in every event's metadata. The security filter chain is the only writer of the {@code
 * X-Actor-Id} / {@code X-Actor-Role} request headers read here: it drops any the client sent and
 * sets them from the verified principal (fr.guichet.command.security.ActorWebFilter).
 */
public record Actor(String id, Role role) {

  public static final String ID_HEADER = "X-Actor-Id";
  public static final String ROLE_HEADER = "X-Actor-Role";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._@:-]{1,100}");

  public enum Role {
    SPECTATOR,
    MANAGER,
    DIRECTOR,
    AUDITOR,
    DOOR
  }

  /** The signed-in actor of {@code request}; 401 problem+json when nobody is signed in. */
  public static Actor from(ServerHttpRequest request) {
    Actor actor =
        parse(request.getHeaders().getFirst(ID_HEADER), request.getHeaders().getFirst(ROLE_HEADER));
    if (actor == null) {
      throw new AuthenticationRequiredException("Sign in first.");
    }
    return actor;
  }

  /** The signed-in actor from the reactive security context; empty when nobody is signed in. */
  public static Mono<Actor> current() {
    return ReactiveSecurityContextHolder.getContext()
        .map(SecurityContext::getAuthentication)
        .filter(Authentication::isAuthenticated)
        .flatMap(
            authentication ->
                Mono.justOrEmpty(
                    authentication.getAuthorities().stream()
                        .map(a -> a.getAuthority())
                        .filter(a -> a.startsWith("ROLE_"))
                        .map(a -> parse(authentication.getName(), a.substring(5)))
                        .filter(java.util.Objects::nonNull)
                        .findFirst()));
  }

  private static Actor parse(String id, String role) {
    if (id == null || role == null || !ID.matcher(id).matches()) {
      return null;
    }
    try {
      return new Actor(id, Role.valueOf(role));
    } catch (IllegalArgumentException unknownRole) {
      return null;
    }
  }

  /** Refuses the request unless the actor holds one of {@code allowed}. */
  public Actor require(Role... allowed) {
    for (Role r : allowed) {
      if (r == role) {
        return this;
      }
    }
    throw new CommandRejectedException(
        Rejection.forbidden(
            "role-required",
            "This needs the role " + Arrays.toString(allowed) + "; you act as " + role + "."));
  }
}
