package fr.guichet.command.account;

import fr.guichet.command.account.AccountService.SignIn;
import fr.guichet.command.security.AccountAuthentication;
import fr.guichet.command.security.BrowserSessions;
import fr.guichet.command.web.Actor;
import fr.guichet.command.web.CommandSender;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.axonframework.messaging.MetaData;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sign-up, e-mail verification, sign-in (bearer tokens for scripts, a session cookie for the
 * browser), refresh, sign-out and password reset.
 */
@RestController
@RequestMapping("/api/auth")
@Tag(name = "Accounts", description = "Sign up, sign in, tokens, sessions and password reset")
class AccountController {

  private static final String TYPE_BASE = "https://guichet.example/problems/";
  private final AccountService accounts;
  private final BrowserSessions browserSessions;

  AccountController(AccountService accounts, BrowserSessions browserSessions) {
    this.accounts = accounts;
    this.browserSessions = browserSessions;
  }

  /**
   * @param lang the language of the verification mail: "en" or "fr"; when absent, the browser's
   *     preferred language (Accept-Language), else French
   */
  record SignUpRequest(
      @NotBlank @Size(max = 254) String email,
      @NotBlank @Size(max = 1000) String password,
      @Size(max = 35) String lang) {}

  record Credentials(
      @NotBlank @Size(max = 254) String login, @NotBlank @Size(max = 1000) String password) {}

  record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {}

  record SignOutRequest(@Size(max = 200) String refreshToken) {}

  record VerificationRequest(@NotBlank @Size(max = 200) String token) {}

  /**
   * @param lang the language of the mail, as for {@link SignUpRequest}
   */
  record ResetRequest(@NotBlank @Size(max = 254) String email, @Size(max = 35) String lang) {}

  record ResetCompletion(
      @NotBlank @Size(max = 200) String token, @NotBlank @Size(max = 1000) String newPassword) {}

  record Accepted(String message) {}

  record Me(String accountId, String role) {}

  record Csrf(String headerName, String token) {}

  /**
   * The browser's view of its session: whether someone is signed in (account id, role and the login
   * they typed) and the CSRF token its unsafe requests echo.
   */
  record BrowserSession(boolean signedIn, String accountId, String role, String login, Csrf csrf) {}

  static final String LOGIN_ATTRIBUTE = "guichet.login";

  @PostMapping("/signup")
  @Operation(summary = "Create a spectator account; a verification link is e-mailed")
  Mono<ResponseEntity<Accepted>> signUp(
      @Valid @RequestBody SignUpRequest body, ServerHttpRequest request) {
    return blocking(
        () -> {
          accounts.signUp(
              body.email(), body.password(), mailLanguage(body.lang(), request), audit(request));
          return ResponseEntity.accepted()
              .body(
                  new Accepted(
                      "Check your mailbox: open the link we sent to confirm your address."));
        });
  }

  /**
   * The language of an account mail: the page's ("fr" or "en") when it says, else the first of the
   * browser's preferred languages (Accept-Language) that the platform speaks, else French.
   */
  static String mailLanguage(String asked, ServerHttpRequest request) {
    if ("en".equalsIgnoreCase(asked) || "fr".equalsIgnoreCase(asked)) {
      return asked.toLowerCase(Locale.ROOT);
    }
    try {
      for (Locale.LanguageRange range : request.getHeaders().getAcceptLanguage()) {
        String base = range.getRange().toLowerCase(Locale.ROOT);
        if (base.startsWith("en")) {
          return "en";
        }
        if (base.startsWith("fr")) {
          return "fr";
        }
      }
    } catch (IllegalArgumentException malformed) {
      // A malformed Accept-Language header: the default language.
    }
    return "fr";
  }

  @GetMapping("/email-verification")
  @Operation(summary = "The link of the verification e-mail")
  Mono<Accepted> verifyByLink(
      @RequestParam @Size(max = 200) String token, ServerHttpRequest request) {
    return blocking(
        () -> {
          accounts.verifyEmail(token, audit(request));
          return new Accepted("Your address is confirmed: you can sign in now.");
        });
  }

  @PostMapping("/email-verification")
  @Operation(summary = "Confirm an e-mail address with the token of the link")
  Mono<ResponseEntity<Void>> verify(
      @Valid @RequestBody VerificationRequest body, ServerHttpRequest request) {
    return blocking(
        () -> {
          accounts.verifyEmail(body.token(), audit(request));
          return ResponseEntity.noContent().build();
        });
  }

  @PostMapping("/token")
  @Operation(summary = "Sign in for scripts: a 15-minute bearer token and a refresh token")
  Mono<ResponseEntity<Object>> token(
      @Valid @RequestBody Credentials body, ServerHttpRequest request) {
    return blocking(() -> accounts.signIn(body.login(), body.password(), audit(request)))
        .flatMap(
            result ->
                result instanceof SignIn.Granted granted
                    ? blocking(() -> ResponseEntity.ok((Object) accounts.tokensFor(granted)))
                    : refusal(result));
  }

  @PostMapping("/token/refresh")
  @Operation(summary = "Trade a refresh token (once) for a new access and refresh token")
  Mono<ResponseEntity<Object>> refresh(@Valid @RequestBody RefreshRequest body) {
    return blocking(() -> accounts.refresh(body.refreshToken()))
        .map(
            pair ->
                pair.<ResponseEntity<Object>>map(ResponseEntity::ok)
                    .orElseGet(
                        () ->
                            problem(
                                HttpStatus.UNAUTHORIZED,
                                "refresh-token",
                                "This refresh token is unknown, used, revoked or expired. Sign in"
                                    + " again.")));
  }

  @PostMapping("/sign-out")
  @Operation(summary = "Sign out a script: its refresh token (and the ones it led to) stop working")
  Mono<ResponseEntity<Void>> signOut(@RequestBody(required = false) SignOutRequest body) {
    return blocking(
        () -> {
          accounts.signOut(body == null ? null : body.refreshToken());
          return ResponseEntity.noContent().build();
        });
  }

  @PostMapping("/session")
  @Operation(summary = "Sign in the browser: a session cookie (send the CSRF token header)")
  Mono<ResponseEntity<Object>> session(
      @Valid @RequestBody Credentials body, ServerWebExchange exchange) {
    return blocking(
            () -> accounts.signIn(body.login(), body.password(), audit(exchange.getRequest())))
        .flatMap(
            result -> {
              if (result instanceof SignIn.Granted granted) {
                String login = body.login().trim().toLowerCase(Locale.ROOT);
                return browserSessions
                    .signIn(
                        exchange,
                        new AccountAuthentication(granted.accountId(), granted.role()),
                        Map.of(LOGIN_ATTRIBUTE, login))
                    .thenReturn(
                        ResponseEntity.ok((Object) new Me(granted.accountId(), granted.role())));
              }
              return refusal(result);
            });
  }

  @GetMapping("/session")
  @Operation(
      summary =
          "Who the browser's session belongs to (signedIn false when nobody), with the CSRF token")
  Mono<BrowserSession> browserSession(ServerWebExchange exchange) {
    Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
    Mono<Csrf> csrf =
        token == null
            ? Mono.just(new Csrf(null, null))
            : token.map(t -> new Csrf(t.getHeaderName(), t.getToken()));
    Mono<BrowserSession> anonymous = csrf.map(c -> new BrowserSession(false, null, null, null, c));
    return Actor.current()
        .flatMap(
            actor ->
                exchange
                    .getSession()
                    .map(
                        session ->
                            String.valueOf(
                                session.getAttributes().getOrDefault(LOGIN_ATTRIBUTE, actor.id())))
                    .zipWith(csrf)
                    .map(
                        loginAndCsrf ->
                            new BrowserSession(
                                true,
                                actor.id(),
                                actor.role().name(),
                                loginAndCsrf.getT1(),
                                loginAndCsrf.getT2())))
        .switchIfEmpty(anonymous);
  }

  @GetMapping("/identity")
  @Operation(
      summary =
          "For a gateway's auth subrequest: 204 naming the signed-in account in X-Actor-Id /"
              + " X-Actor-Role (without them when nobody is signed in; 401 for a bad token)")
  Mono<ResponseEntity<Void>> identity() {
    return Actor.current()
        .map(
            actor ->
                ResponseEntity.noContent()
                    .header(Actor.ID_HEADER, actor.id())
                    .header(Actor.ROLE_HEADER, actor.role().name())
                    .<Void>build())
        .defaultIfEmpty(ResponseEntity.noContent().build());
  }

  @PostMapping("/session/sign-out")
  @Operation(summary = "Sign out the browser: the session ends")
  Mono<ResponseEntity<Void>> sessionSignOut(ServerWebExchange exchange) {
    return browserSessions.signOut(exchange).thenReturn(ResponseEntity.noContent().build());
  }

  @GetMapping("/csrf")
  @Operation(summary = "The CSRF token the browser echoes in X-XSRF-TOKEN (also set as a cookie)")
  Mono<Csrf> csrf(ServerWebExchange exchange) {
    Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
    return token == null ? Mono.empty() : token.map(t -> new Csrf(t.getHeaderName(), t.getToken()));
  }

  @PostMapping("/password-reset")
  @Operation(summary = "E-mail a password reset link (answers the same for unknown addresses)")
  Mono<ResponseEntity<Accepted>> requestReset(
      @Valid @RequestBody ResetRequest body, ServerHttpRequest request) {
    return blocking(
        () -> {
          accounts.requestPasswordReset(body.email(), mailLanguage(body.lang(), request));
          return ResponseEntity.accepted()
              .body(new Accepted("If an account uses this address, a reset link is on its way."));
        });
  }

  @PostMapping("/password-reset/completion")
  @Operation(summary = "Choose a new password with the token of the reset link")
  Mono<ResponseEntity<Void>> completeReset(
      @Valid @RequestBody ResetCompletion body, ServerHttpRequest request) {
    return blocking(
        () -> {
          accounts.completePasswordReset(body.token(), body.newPassword(), audit(request));
          return ResponseEntity.noContent().build();
        });
  }

  @GetMapping("/me")
  @Operation(summary = "Who is signed in")
  Me me(ServerHttpRequest request) {
    Actor actor = Actor.from(request);
    return new Me(actor.id(), actor.role().name());
  }

  private static Mono<ResponseEntity<Object>> refusal(SignIn result) {
    if (result instanceof SignIn.Locked locked) {
      long seconds = Math.max(1, locked.retryAfter().toSeconds());
      ResponseEntity<Object> tooMany =
          ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
              .header("Retry-After", Long.toString(seconds))
              .body(
                  problemBody(
                      HttpStatus.TOO_MANY_REQUESTS,
                      "sign-in-locked",
                      "Too many failed sign-ins: try again in "
                          + seconds
                          + " s, or reset your"
                          + " password."));
      return Mono.just(tooMany);
    }
    if (result instanceof SignIn.Unverified) {
      return Mono.just(
          problem(
              HttpStatus.FORBIDDEN,
              "email-unverified",
              "Confirm your e-mail address first: open the link we sent you."));
    }
    Duration delay = ((SignIn.Refused) result).delay();
    return Mono.delay(delay)
        .thenReturn(
            problem(HttpStatus.UNAUTHORIZED, "bad-credentials", "Wrong login or password."));
  }

  private static ResponseEntity<Object> problem(HttpStatus status, String code, String detail) {
    return ResponseEntity.status(status).body(problemBody(status, code, detail));
  }

  private static ProblemDetail problemBody(HttpStatus status, String code, String detail) {
    ProblemDetail body = ProblemDetail.forStatus(status);
    body.setType(URI.create(TYPE_BASE + code));
    body.setTitle(status.getReasonPhrase());
    body.setDetail(detail);
    body.setProperty("code", code);
    return body;
  }

  private static Function<Actor, MetaData> audit(ServerHttpRequest request) {
    return actor -> CommandSender.metaData(actor, request);
  }

  private static <T> Mono<T> blocking(Callable<T> work) {
    return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
  }
}
