package fr.guichet.command.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The secret half of an account, kept out of the event store: the login, the password hash and the
 * sign-in failure counter. Deleting this row (and shredding the account's key) forgets the person.
 */
@Entity(name = "AccountCredential")
@Table(name = "guichet_credential")
class Credential {

  @Id
  @Column(length = 100)
  private String accountId;

  @Column(nullable = false, unique = true, length = 254)
  private String login;

  @Column(nullable = false, length = 20)
  private String role;

  @Column(nullable = false, length = 200)
  private String passwordHash;

  private boolean emailVerified;
  private int failedAttempts;
  private Instant lockedUntil;

  protected Credential() {}

  Credential(String accountId, String login, String role, String passwordHash, boolean verified) {
    this.accountId = accountId;
    this.login = login;
    this.role = role;
    this.passwordHash = passwordHash;
    this.emailVerified = verified;
  }

  String accountId() {
    return accountId;
  }

  String login() {
    return login;
  }

  String role() {
    return role;
  }

  String passwordHash() {
    return passwordHash;
  }

  boolean emailVerified() {
    return emailVerified;
  }

  int failedAttempts() {
    return failedAttempts;
  }

  Instant lockedUntil() {
    return lockedUntil;
  }

  void markEmailVerified() {
    emailVerified = true;
  }

  void changePassword(String hash) {
    passwordHash = hash;
    failedAttempts = 0;
    lockedUntil = null;
  }

  void recordFailure(Instant lockUntil) {
    failedAttempts++;
    lockedUntil = lockUntil;
  }

  void recordSuccess() {
    failedAttempts = 0;
    lockedUntil = null;
  }
}
