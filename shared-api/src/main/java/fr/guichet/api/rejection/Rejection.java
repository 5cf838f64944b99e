package fr.guichet.api.rejection;

import java.util.List;

/**
 * Why a command was refused, in words a person understands.
 *
 * @param kind what sort of refusal this is; it decides the HTTP status
 * @param code a stable machine-readable name of the broken rule, e.g. {@code places-not-free}
 * @param message a sentence for people
 * @param places the places concerned, when the refusal is about places
 */
public record Rejection(Kind kind, String code, String message, List<String> places) {

  public enum Kind {
    /** The places asked for are not free (HTTP 409). */
    CONFLICT,
    /** A business rule forbids it now (HTTP 422). */
    RULE,
    /** The request itself is malformed or inconsistent (HTTP 400). */
    INVALID,
    /** The thing addressed does not exist (HTTP 404). */
    NOT_FOUND,
    /** The actor may not do this (HTTP 403). */
    FORBIDDEN,
    /** Nothing was done and the same request may be sent again in a moment (HTTP 503). */
    UNAVAILABLE
  }

  public Rejection {
    places = places == null ? List.of() : List.copyOf(places);
  }

  public static Rejection conflict(String code, String message, List<String> places) {
    return new Rejection(Kind.CONFLICT, code, message, places);
  }

  public static Rejection rule(String code, String message) {
    return new Rejection(Kind.RULE, code, message, List.of());
  }

  public static Rejection invalid(String code, String message) {
    return new Rejection(Kind.INVALID, code, message, List.of());
  }

  public static Rejection notFound(String code, String message) {
    return new Rejection(Kind.NOT_FOUND, code, message, List.of());
  }

  public static Rejection unavailable(String code, String message) {
    return new Rejection(Kind.UNAVAILABLE, code, message, List.of());
  }

  public static Rejection forbidden(String code, String message) {
    return new Rejection(Kind.FORBIDDEN, code, message, List.of());
  }
}
