package fr.guichet.command.web;

/** Nobody is signed in where an actor is needed; answered with 401 problem+json. */
public class AuthenticationRequiredException extends RuntimeException {

  public AuthenticationRequiredException(String message) {
    super(message, null, false, false);
  }
}
