package fr.guichet.query.support;

/** The operation does not fit the current state (e.g. a rebuild already running): answered 409. */
public class ConflictException extends RuntimeException {
  private final String code;

  public ConflictException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
