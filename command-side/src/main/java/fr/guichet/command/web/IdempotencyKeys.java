package fr.guichet.command.web;

import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Derives the id of what a request creates from the client's {@code Idempotency-Key}, so a retry of
 * the same request addresses the same aggregate and gets the first result back.
 */
public final class IdempotencyKeys {

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{8,100}");

  private IdempotencyKeys() {}

  public static String idFor(String scope, String actorId, String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new CommandRejectedException(
          Rejection.invalid(
              "idempotency-key",
              "Send an Idempotency-Key header (8-100 letters, digits or ._:-), a new one per"
                  + " request and the same one when you retry it."));
    }
    return UUID.nameUUIDFromBytes(
            (scope + "\u0000" + actorId + "\u0000" + key).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
