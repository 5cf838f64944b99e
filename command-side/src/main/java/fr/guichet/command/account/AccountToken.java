package fr.guichet.command.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A single-use secret handed to the account holder (e-mail verification link, password reset link,
 * refresh token). Only its SHA-256 is stored, so a leaked table gives no usable token.
 */
@Entity(name = "AccountToken")
@Table(
    name = "guichet_account_token",
    indexes = {
      @Index(name = "guichet_account_token_account", columnList = "accountId"),
      @Index(name = "guichet_account_token_family", columnList = "family")
    })
class AccountToken {

  enum Purpose {
    VERIFY_EMAIL,
    RESET_PASSWORD,
    REFRESH
  }

  @Id
  @Column(length = 64)
  private String tokenHash;

  @Column(nullable = false, length = 100)
  private String accountId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private Purpose purpose;

  @Column(length = 64)
  private String family;

  @Column(nullable = false)
  private Instant expiresAt;

  private Instant usedAt;
  private boolean revoked;

  protected AccountToken() {}

  AccountToken(
      String tokenHash, String accountId, Purpose purpose, String family, Instant expiresAt) {
    this.tokenHash = tokenHash;
    this.accountId = accountId;
    this.purpose = purpose;
    this.family = family;
    this.expiresAt = expiresAt;
  }

  String accountId() {
    return accountId;
  }

  Purpose purpose() {
    return purpose;
  }

  String family() {
    return family;
  }

  boolean usableAt(Instant now) {
    return !revoked && usedAt == null && now.isBefore(expiresAt);
  }

  boolean alreadyUsed() {
    return usedAt != null;
  }

  void use(Instant now) {
    usedAt = now;
  }

  void revoke() {
    revoked = true;
  }
}
