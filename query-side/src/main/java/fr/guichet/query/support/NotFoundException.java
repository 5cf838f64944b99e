package fr.guichet.query.support;

/** Asked for something no view knows: answered 404. */
public class NotFoundException extends RuntimeException {
  private final String code;

  public NotFoundException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
