package fr.guichet.query.support;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;

/**
 * Who reads: the verified actor, as the {@code X-Actor-Id} / {@code X-Actor-Role} request headers
 * name it. The query side does not authenticate anyone itself: in the standalone platform the
 * command side's security filter chain strips whatever actor headers a client sent and sets them
 * from the signed-in account. A query service deployed alone must therefore only be reachable
 * through a gateway that does the same (the command side's security), or get its own
 * resource-server configuration; otherwise these headers are the client's word.
 */
public record Reader(String id, String role) {

  public static final String ID_HEADER = "X-Actor-Id";
  public static final String ROLE_HEADER = "X-Actor-Role";

  /** Key of the reader in a GraphQL request's context. */
  public static final String CONTEXT_KEY = "guichet.reader";

  public static final Reader ANONYMOUS = new Reader(null, null);

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._@:-]{1,100}");
  private static final Set<String> STAFF = Set.of("MANAGER", "DIRECTOR", "AUDITOR");

  public static Reader from(HttpHeaders headers) {
    return of(headers.getFirst(ID_HEADER), headers.getFirst(ROLE_HEADER));
  }

  public static Reader of(String id, String role) {
    if (id == null || role == null || !ID.matcher(id).matches()) {
      return ANONYMOUS;
    }
    return new Reader(id, role.trim().toUpperCase(Locale.ROOT));
  }

  public boolean anonymous() {
    return id == null;
  }

  /** The box office, the direction and the auditors read every order and the dashboards. */
  public boolean staff() {
    return role != null && STAFF.contains(role);
  }

  /** Whether this reader may see the orders of {@code customerId}: that customer, or staff. */
  public boolean mayReadOrdersOf(String customerId) {
    return staff() || (id != null && id.equals(customerId));
  }

  /** Refuses the request (403) unless this reader is staff. */
  public Reader requireStaff(String what) {
    if (!staff()) {
      throw new ForbiddenException(
          "role-required", what + " needs the MANAGER, DIRECTOR or AUDITOR role.");
    }
    return this;
  }
}
