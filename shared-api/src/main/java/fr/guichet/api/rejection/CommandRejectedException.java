package fr.guichet.api.rejection;

/** Thrown by a command handler that refuses a command; nothing was applied. */
public class CommandRejectedException extends RuntimeException {

  private final transient Rejection rejection;

  public CommandRejectedException(Rejection rejection) {
    super(rejection.message(), null, false, false);
    this.rejection = rejection;
  }

  public Rejection rejection() {
    return rejection;
  }
}
