package fr.guichet.command.web;

import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Who sends a request. Until sign-in lands (security issue) the actor is read from the {@code
 * X-Actor-Id} and {@code X-Actor-Role} headers; it is recorded in every event's metadata.
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

  public static Actor from(ServerHttpRequest request) {
    String id = request.getHeaders().getFirst(ID_HEADER);
    String role = request.getHeaders().getFirst(ROLE_HEADER);
    if (id == null || !ID.matcher(id).matches()) {
      throw new CommandRejectedException(
          Rejection.invalid(
              "actor-missing",
              "Identify yourself with the "
                  + ID_HEADER
                  + " header (1-100 letters, digits or ._@:-)."));
    }
    Role parsed;
    try {
      parsed = role == null ? Role.SPECTATOR : Role.valueOf(role.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CommandRejectedException(
          Rejection.invalid(
              "actor-role", ROLE_HEADER + " must be one of " + Arrays.toString(Role.values())));
    }
    return new Actor(id, parsed);
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
