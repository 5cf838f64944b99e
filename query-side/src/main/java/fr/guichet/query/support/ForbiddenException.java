package fr.guichet.query.support;

/** The reader's role does not allow this view: answered 403. */
public class ForbiddenException extends RuntimeException {
  private final String code;

  public ForbiddenException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
