package fr.guichet.command.account;

import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.command.account.AccountCommands.LockSignInCommand;
import fr.guichet.command.account.AccountCommands.RecordPasswordChangeCommand;
import fr.guichet.command.account.AccountCommands.RegisterAccountCommand;
import fr.guichet.command.account.AccountCommands.VerifyAccountEmailCommand;
import fr.guichet.command.account.AccountToken.Purpose;
import fr.guichet.command.security.AccessTokens;
import fr.guichet.command.web.Actor;
import fr.guichet.command.web.Actor.Role;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accounts: sign-up with e-mail verification, sign-in with throttling, rotating refresh tokens,
 * password reset, staff accounts. Blocking (JPA and password hashing): call it off the event loop.
 * Secrets go to the credential and token tables; the Account aggregate records the facts.
 */
@Service
public class AccountService {

  /**
   * The links of the mails open the account page, which posts the token; the token rides in the
   * fragment, which browsers never send to a server nor in a Referer.
   */
  static final String VERIFY_PAGE = "/account.html#verify=";

  static final String RESET_PAGE = "/account.html#reset=";

  static final int MIN_PASSWORD = 12;
  static final int MAX_PASSWORD = 128;
  private static final Pattern EMAIL =
      Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+", Pattern.CASE_INSENSITIVE);
  private static final Pattern STAFF_LOGIN = Pattern.compile("[a-z0-9._-]{3,64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  @PersistenceContext private EntityManager em;
  private final TransactionTemplate tx;
  private final CommandGateway commands;
  private final PasswordEncoder passwords;
  private final AccountNotifier notifier;
  private final AccessTokens accessTokens;
  private final Duration refreshTtl;
  private final String publicUrl;
  private final String unknownAccountHash;
  private final Clock clock = Clock.systemUTC();

  AccountService(
      PlatformTransactionManager transactions,
      CommandGateway commands,
      PasswordEncoder passwords,
      AccountNotifier notifier,
      AccessTokens accessTokens,
      @Value("${guichet.security.refresh-token-ttl:P14D}") Duration refreshTtl,
      @Value("${guichet.public-url:http://localhost:8080}") String publicUrl) {
    this.tx = new TransactionTemplate(transactions);
    this.commands = commands;
    this.passwords = passwords;
    this.notifier = notifier;
    this.accessTokens = accessTokens;
    this.refreshTtl = refreshTtl;
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    this.unknownAccountHash = passwords.encode(randomToken());
  }

  /** What a sign-in attempt came to. */
  public sealed interface SignIn {
    record Granted(String accountId, String role) implements SignIn {}

    record Refused(Duration delay) implements SignIn {}

    record Locked(Duration retryAfter) implements SignIn {}

    record Unverified() implements SignIn {}
  }

  /** A bearer access token and the refresh token that renews it once. */
  public record TokenPair(
      String accessToken,
      String tokenType,
      long expiresIn,
      String refreshToken,
      String accountId,
      String role) {}

  /**
   * Registers a spectator and e-mails a verification link. Answers the same whether or not the
   * address is already registered (the holder of that address is told instead), so sign-up reveals
   * no account. The mail is in English when {@code language} is "en", in French otherwise.
   */
  public void signUp(
      String email, String password, String language, Function<Actor, MetaData> audit) {
    String login = normalizedEmail(email);
    checkPassword(password, login);
    String hash = passwords.encode(password);
    String accountId = UUID.randomUUID().toString();
    String token = randomToken();
    boolean created =
        Boolean.TRUE.equals(
            tx.execute(
                status -> {
                  if (findByLogin(login, false).isPresent()) {
                    return false;
                  }
                  em.persist(new Credential(accountId, login, Role.SPECTATOR.name(), hash, false));
                  em.persist(
                      new AccountToken(
                          sha256(token),
                          accountId,
                          Purpose.VERIFY_EMAIL,
                          null,
                          clock.instant().plus(Duration.ofHours(24))));
                  em.flush();
                  send(
                      new RegisterAccountCommand(accountId, login, Role.SPECTATOR.name(), false),
                      audit.apply(new Actor(accountId, Role.SPECTATOR)));
                  return true;
                }));
    if (created) {
      notifier.verificationLink(login, publicUrl + VERIFY_PAGE + token, language);
    } else {
      notifier.alreadyRegistered(login, language);
    }
  }

  /** Consumes a verification link; the account may sign in from now on. */
  public void verifyEmail(String token, Function<Actor, MetaData> audit) {
    boolean verified =
        Boolean.TRUE.equals(
            tx.execute(
                status -> {
                  Optional<AccountToken> found = usableToken(token, Purpose.VERIFY_EMAIL);
                  if (found.isEmpty()) {
                    return false;
                  }
                  AccountToken used = found.get();
                  used.use(clock.instant());
                  Credential credential = em.find(Credential.class, used.accountId());
                  credential.markEmailVerified();
                  send(
                      new VerifyAccountEmailCommand(credential.accountId()),
                      audit.apply(actorOf(credential)));
                  return true;
                }));
    if (!verified) {
      throw new CommandRejectedException(
          Rejection.invalid(
              "verification-link",
              "This link is unknown, already used or expired. Sign up again"
                  + " or ask for a new link by resetting your password."));
    }
  }

  /** Checks a login and password, counting failures and locking the account when they pile up. */
  public SignIn signIn(String login, String password, Function<Actor, MetaData> audit) {
    String normalized = login == null ? "" : login.trim().toLowerCase(Locale.ROOT);
    String candidate = password == null ? "" : password;
    Optional<Credential> known =
        tx.execute(status -> findByLogin(normalized, false).map(this::detached));
    if (known.isEmpty()) {
      passwords.matches(candidate, unknownAccountHash);
      return new SignIn.Refused(LoginThrottle.delayAfter(1));
    }
    Instant now = clock.instant();
    Credential snapshot = known.get();
    if (snapshot.lockedUntil() != null && now.isBefore(snapshot.lockedUntil())) {
      return new SignIn.Locked(Duration.between(now, snapshot.lockedUntil()));
    }
    boolean matches = passwords.matches(candidate, snapshot.passwordHash());
    boolean upgrade = matches && passwords.upgradeEncoding(snapshot.passwordHash());
    String upgradedHash = upgrade ? passwords.encode(candidate) : null;
    return tx.execute(
        status -> {
          Credential credential =
              em.find(Credential.class, snapshot.accountId(), LockModeType.PESSIMISTIC_WRITE);
          if (!matches) {
            int failures = credential.failedAttempts() + 1;
            Duration lock = LoginThrottle.lockAfter(failures);
            Instant until = lock.isZero() ? null : now.plus(lock);
            credential.recordFailure(until);
            if (until != null) {
              send(
                  new LockSignInCommand(credential.accountId(), failures, until),
                  audit.apply(actorOf(credential)));
            }
            return new SignIn.Refused(LoginThrottle.delayAfter(failures));
          }
          if (!credential.emailVerified()) {
            return new SignIn.Unverified();
          }
          credential.recordSuccess();
          if (upgradedHash != null) {
            credential.changePassword(upgradedHash);
          }
          return new SignIn.Granted(credential.accountId(), credential.role());
        });
  }

  /** Starts a new refresh-token family for a fresh sign-in. */
  public TokenPair tokensFor(SignIn.Granted granted) {
    return tx.execute(
        status -> issuePair(granted.accountId(), granted.role(), UUID.randomUUID().toString()));
  }

  /**
   * Trades a refresh token for a new pair. Each refresh token works once; presenting a used one
   * again means it was stolen (or replayed), so its whole family is revoked.
   */
  public Optional<TokenPair> refresh(String refreshToken) {
    if (refreshToken == null || refreshToken.isBlank()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return tx.execute(
        status -> {
          AccountToken token =
              em.find(AccountToken.class, sha256(refreshToken), LockModeType.PESSIMISTIC_WRITE);
          if (token == null || token.purpose() != Purpose.REFRESH) {
            return Optional.<TokenPair>empty();
          }
          if (token.alreadyUsed()) {
            revokeFamily(token.family());
            return Optional.<TokenPair>empty();
          }
          if (!token.usableAt(now)) {
            return Optional.<TokenPair>empty();
          }
          token.use(now);
          Credential credential = em.find(Credential.class, token.accountId());
          if (credential == null) {
            return Optional.<TokenPair>empty();
          }
          return Optional.of(issuePair(credential.accountId(), credential.role(), token.family()));
        });
  }

  /** Signs out a token holder: its refresh token family stops working. */
  public void signOut(String refreshToken) {
    if (refreshToken == null || refreshToken.isBlank()) {
      return;
    }
    tx.executeWithoutResult(
        status -> {
          AccountToken token = em.find(AccountToken.class, sha256(refreshToken));
          if (token != null && token.purpose() == Purpose.REFRESH) {
            revokeFamily(token.family());
          }
        });
  }

  /**
   * E-mails a reset link if the address has an account (in English when {@code language} is "en",
   * in French otherwise); answers the same either way.
   */
  public void requestPasswordReset(String email, String language) {
    String login = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    String token = randomToken();
    boolean known =
        Boolean.TRUE.equals(
            tx.execute(
                status -> {
                  Optional<Credential> credential = findByLogin(login, false);
                  if (credential.isEmpty() || !EMAIL.matcher(login).matches()) {
                    return false;
                  }
                  em.persist(
                      new AccountToken(
                          sha256(token),
                          credential.get().accountId(),
                          Purpose.RESET_PASSWORD,
                          null,
                          clock.instant().plus(Duration.ofMinutes(30))));
                  return true;
                }));
    if (known) {
      notifier.passwordResetLink(login, publicUrl + RESET_PAGE + token, language);
    }
  }

  /** Sets a new password from a reset link; every refresh token of the account is revoked. */
  public void completePasswordReset(
      String token, String newPassword, Function<Actor, MetaData> audit) {
    Optional<String> login =
        tx.execute(
            status ->
                usableToken(token, Purpose.RESET_PASSWORD)
                    .map(t -> em.find(Credential.class, t.accountId()).login()));
    if (login.isEmpty()) {
      throw invalidLink();
    }
    checkPassword(newPassword, login.get());
    String hash = passwords.encode(newPassword);
    boolean done =
        Boolean.TRUE.equals(
            tx.execute(
                status -> {
                  Optional<AccountToken> found = usableToken(token, Purpose.RESET_PASSWORD);
                  if (found.isEmpty()) {
                    return false;
                  }
                  found.get().use(clock.instant());
                  Credential credential = em.find(Credential.class, found.get().accountId());
                  credential.changePassword(hash);
                  credential.markEmailVerified();
                  em.createQuery(
                          "update AccountToken t set t.revoked = true"
                              + " where t.accountId = :account and t.purpose = :refresh")
                      .setParameter("account", credential.accountId())
                      .setParameter("refresh", Purpose.REFRESH)
                      .executeUpdate();
                  send(
                      new RecordPasswordChangeCommand(credential.accountId(), "RESET"),
                      audit.apply(actorOf(credential)));
                  return true;
                }));
    if (!done) {
      throw invalidLink();
    }
  }

  /**
   * Creates a staff account (or, for tests and imports, an already verified spectator) with the
   * given password. The account id doubles as the login of staff accounts.
   */
  public void createAccount(
      String accountId, String login, Role role, String password, MetaData audit) {
    String normalized = login.trim().toLowerCase(Locale.ROOT);
    boolean staff = role != Role.SPECTATOR;
    if (staff && !STAFF_LOGIN.matcher(normalized).matches()) {
      throw new CommandRejectedException(
          Rejection.invalid("login", "Staff logins are 3-64 lowercase letters, digits or ._-"));
    }
    if (!staff) {
      normalizedEmail(normalized);
    }
    checkPassword(password, normalized);
    String hash = passwords.encode(password);
    tx.executeWithoutResult(
        status -> {
          if (findByLogin(normalized, false).isPresent()
              || em.find(Credential.class, accountId) != null) {
            throw new CommandRejectedException(
                Rejection.conflict(
                    "login-taken", "This login is already taken.", java.util.List.of()));
          }
          em.persist(new Credential(accountId, normalized, role.name(), hash, true));
          em.flush();
          send(
              new RegisterAccountCommand(accountId, staff ? null : normalized, role.name(), staff),
              audit);
          if (!staff) {
            send(new VerifyAccountEmailCommand(accountId), audit);
          }
        });
  }

  /**
   * The verified e-mail address a buyer's purchases count by. Empty for staff accounts (they have a
   * login, not an address) and for actors without an account here. Refuses a spectator whose
   * address is not verified: such accounts cannot sign in, and should one hold a token anyway, it
   * may not buy (per-buyer caps count by verified address).
   */
  public Optional<String> verifiedEmailOf(String accountId) {
    Optional<Credential> credential =
        tx.execute(status -> Optional.ofNullable(em.find(Credential.class, accountId)));
    if (credential.isEmpty() || !Role.SPECTATOR.name().equals(credential.get().role())) {
      return Optional.empty();
    }
    if (!credential.get().emailVerified()) {
      throw new CommandRejectedException(
          Rejection.forbidden(
              "email-not-verified",
              "Verify your e-mail address (follow the link we sent) before buying."));
    }
    return Optional.of(credential.get().login());
  }

  /** Whether any account holds {@code role}. */
  public boolean anyAccountWithRole(Role role) {
    Long count =
        tx.execute(
            status ->
                em.createQuery(
                        "select count(c) from AccountCredential c where c.role = :role", Long.class)
                    .setParameter("role", role.name())
                    .getSingleResult());
    return count != null && count > 0;
  }

  /** A password nobody chose: 24 characters from a 57-letter alphabet (about 140 bits). */
  public static String generatedPassword() {
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 24; i++) {
      password.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return password.toString();
  }

  private TokenPair issuePair(String accountId, String role, String family) {
    String refresh = randomToken();
    em.persist(
        new AccountToken(
            sha256(refresh), accountId, Purpose.REFRESH, family, clock.instant().plus(refreshTtl)));
    AccessTokens.Issued access = accessTokens.issue(accountId, role);
    return new TokenPair(
        access.token(), "Bearer", access.expiresInSeconds(), refresh, accountId, role);
  }

  private void revokeFamily(String family) {
    if (family == null) {
      return;
    }
    em.createQuery("update AccountToken t set t.revoked = true where t.family = :family")
        .setParameter("family", family)
        .executeUpdate();
  }

  private Optional<AccountToken> usableToken(String token, Purpose purpose) {
    if (token == null || token.isBlank() || token.length() > 200) {
      return Optional.empty();
    }
    AccountToken found = em.find(AccountToken.class, sha256(token), LockModeType.PESSIMISTIC_WRITE);
    if (found == null || found.purpose() != purpose || !found.usableAt(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(found);
  }

  private Optional<Credential> findByLogin(String login, boolean lock) {
    var query =
        em.createQuery("select c from AccountCredential c where c.login = :login", Credential.class)
            .setParameter("login", login);
    if (lock) {
      query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
    }
    return query.getResultStream().findFirst();
  }

  private Credential detached(Credential credential) {
    em.detach(credential);
    return credential;
  }

  private void send(Object command, MetaData audit) {
    commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(audit));
  }

  private static Actor actorOf(Credential credential) {
    return new Actor(credential.accountId(), Role.valueOf(credential.role()));
  }

  private static CommandRejectedException invalidLink() {
    return new CommandRejectedException(
        Rejection.invalid(
            "reset-link", "This link is unknown, already used or expired. Ask for a new one."));
  }

  private static String normalizedEmail(String email) {
    String normalized = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    if (normalized.length() > 254 || !EMAIL.matcher(normalized).matches()) {
      throw new CommandRejectedException(
          Rejection.invalid("email", "Give a valid e-mail address (at most 254 characters)."));
    }
    return normalized;
  }

  private static void checkPassword(String password, String login) {
    if (password == null
        || password.codePointCount(0, password.length()) < MIN_PASSWORD
        || password.length() > MAX_PASSWORD) {
      throw new CommandRejectedException(
          Rejection.invalid(
              "password-policy",
              "Choose a password of "
                  + MIN_PASSWORD
                  + " to "
                  + MAX_PASSWORD
                  + " characters; a few unrelated words make a good one."));
    }
    if (password.trim().equalsIgnoreCase(login)) {
      throw new CommandRejectedException(
          Rejection.invalid("password-policy", "Your password must differ from your login."));
    }
  }

  static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
