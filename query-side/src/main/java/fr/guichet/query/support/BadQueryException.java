package fr.guichet.query.support;

/** A filter, sort or page the views cannot serve: answered 400 with the reason. */
public class BadQueryException extends RuntimeException {
  private final String code;

  public BadQueryException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
