package fr.guichet.command.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A signed-in account, whether it came with a bearer token or a browser session. */
public final class AccountAuthentication extends AbstractAuthenticationToken {

  private final String accountId;
  private final String role;

  public AccountAuthentication(String accountId, String role) {
    super(List.of(new SimpleGrantedAuthority("ROLE_" + role)));
    this.accountId = accountId;
    this.role = role;
    setAuthenticated(true);
  }

  public String accountId() {
    return accountId;
  }

  public String role() {
    return role;
  }

  @Override
  public Object getCredentials() {
    return null;
  }

  @Override
  public Object getPrincipal() {
    return accountId;
  }
}
