package fr.guichet.standalone.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import fr.guichet.command.security.AccessTokens;
import fr.guichet.standalone.support.Api;
import fr.guichet.standalone.support.GuichetInstance;
import fr.guichet.standalone.support.Mailbox;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Accounts end to end over HTTP: first staff passwords, sign-up and e-mail verification, bearer and
 * refresh tokens, sign-out, password reset, lock-out, bad tokens, and the browser session with
 * CSRF.
 */
@ExtendWith(OutputCaptureExtension.class)
class AccountsAndTokensIT {

  private static final Pattern VERIFY = Pattern.compile("/account\\.html#verify=([\\w-]+)");
  private static final Pattern RESET = Pattern.compile("/account\\.html#reset=([\\w-]+)");

  @TempDir static Path dataDir;
  static GuichetInstance guichet;
  static Api api;
  static WebTestClient http;

  @BeforeAll
  static void start() {
    // Dozens of sign-ins from one address in a minute: the per-address limit of the account routes
    // (AntiScalpingIT's subject) would answer 429 before the behaviour under test.
    guichet =
        GuichetInstance.start(dataDir, "--guichet.rate-limit.account.per-ip-per-minute=100000");
    api = new Api(guichet);
    http = api.http();
  }

  @AfterAll
  static void stop() {
    guichet.close();
  }

  @Test
  void first_start_prints_one_generated_password_per_staff_role_and_it_signs_in(
      CapturedOutput output) {
    for (String role : List.of("director", "manager", "auditor", "door")) {
      Matcher printed =
          Pattern.compile("login: " + role + "  password: (\\S+)").matcher(output.getAll());
      assertThat(printed.find()).as("password of %s printed", role).isTrue();
      String token = (String) signIn(role, printed.group(1)).get("accessToken");
      http.get()
          .uri("/api/auth/me")
          .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.role")
          .isEqualTo(role.toUpperCase());
    }
  }

  @Test
  void a_spectator_signs_up_confirms_the_address_by_the_link_and_signs_in(CapturedOutput output) {
    String email = "ana.martin@example.org";
    String password = "quatre mots au hasard";
    post("/api/auth/signup", Map.of("email", email, "password", password))
        .expectStatus()
        .isAccepted();
    post("/api/auth/token", Map.of("login", email, "password", password))
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("email-unverified");

    // French by default: the page did not say, the client asked for no language.
    assertThat(mailsTo(email))
        .contains("Guichet : confirmez votre adresse e-mail")
        .contains("Ouvrez ce lien dans les 24 heures");
    String link = last(VERIFY, mailsTo(email));
    http.get().uri("/api/auth/email-verification?token=" + link).exchange().expectStatus().isOk();
    http.get()
        .uri("/api/auth/email-verification?token=" + link)
        .exchange()
        .expectStatus()
        .isBadRequest();

    Map<String, Object> tokens = signIn(email, password);
    assertThat(tokens.get("role")).isEqualTo("SPECTATOR");
    assertThat(tokens.get("expiresIn")).isEqualTo(900);

    String accountId = (String) tokens.get("accountId");
    var history = guichet.history(accountId);
    assertThat(history)
        .extracting(m -> m.getPayloadType().getSimpleName())
        .containsExactly("AccountRegisteredEvent", "AccountEmailVerifiedEvent");
    assertThat(history)
        .allSatisfy(
            m -> {
              assertThat(m.getMetaData()).containsEntry("actorId", accountId);
              assertThat(m.getMetaData()).containsKeys("clientIp", "requestId");
              assertThat(m.getPayload().toString()).doesNotContain(password);
            });
    assertThat(output.getAll()).doesNotContain(password).doesNotContain(email);

    post("/api/auth/signup", Map.of("email", email, "password", "another long password"))
        .expectStatus()
        .isAccepted();
    assertThat(mailsTo(email)).contains("quelqu'un a tenté de s'inscrire avec votre adresse");
  }

  @Test
  void an_english_speaking_spectator_gets_the_address_confirmation_and_reset_mails_in_english() {
    String asked = "page.in.english@example.org";
    post(
            "/api/auth/signup",
            Map.of("email", asked, "password", "four random words here", "lang", "en"))
        .expectStatus()
        .isAccepted();
    assertThat(mailsTo(asked))
        .contains("Guichet: confirm your e-mail address")
        .contains("Open this link within 24 hours")
        .doesNotContain("Ouvrez");
    assertThat(last(VERIFY, mailsTo(asked))).isNotBlank();

    // No language from the page: the browser's preferred one (English before French here).
    String preferred = "browser.in.english@example.org";
    http.post()
        .uri("/api/auth/signup")
        .header(HttpHeaders.ACCEPT_LANGUAGE, "en-GB,en;q=0.9,fr;q=0.8")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("email", preferred, "password", "four random words here"))
        .exchange()
        .expectStatus()
        .isAccepted();
    assertThat(mailsTo(preferred)).contains("Guichet: confirm your e-mail address");

    // The page's language wins over the browser's.
    String french = "page.in.french@example.org";
    http.post()
        .uri("/api/auth/signup")
        .header(HttpHeaders.ACCEPT_LANGUAGE, "en-GB")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("email", french, "password", "four random words here", "lang", "fr"))
        .exchange()
        .expectStatus()
        .isAccepted();
    assertThat(mailsTo(french)).contains("Guichet : confirmez votre adresse e-mail");

    post("/api/auth/password-reset", Map.of("email", asked, "lang", "en"))
        .expectStatus()
        .isAccepted();
    assertThat(mailsTo(asked))
        .contains("Guichet: choose a new password")
        .doesNotContain("nouveau mot de passe");
    assertThat(last(RESET, mailsTo(asked))).isNotBlank();
  }

  @Test
  void a_refresh_token_works_once_and_replaying_it_revokes_the_whole_family() {
    Map<String, Object> first = signIn(Api.loginOf("refresher", "SPECTATOR"), opened("refresher"));
    Map<String, Object> second = refresh((String) first.get("refreshToken"), 200);
    assertThat(second.get("accessToken")).isNotEqualTo(first.get("accessToken"));

    refresh((String) first.get("refreshToken"), 401);
    refresh((String) second.get("refreshToken"), 401);
  }

  @Test
  void signing_out_stops_the_refresh_token() {
    Map<String, Object> tokens = signIn(Api.loginOf("leaver", "SPECTATOR"), opened("leaver"));
    post("/api/auth/sign-out", Map.of("refreshToken", tokens.get("refreshToken")))
        .expectStatus()
        .isNoContent();
    refresh((String) tokens.get("refreshToken"), 401);
  }

  @Test
  void a_reset_link_sets_a_new_password_and_revokes_refresh_tokens() {
    String login = Api.loginOf("forgetful", "SPECTATOR");
    Map<String, Object> before = signIn(login, opened("forgetful"));
    post("/api/auth/password-reset", Map.of("email", login)).expectStatus().isAccepted();
    post("/api/auth/password-reset", Map.of("email", "nobody@example.org"))
        .expectStatus()
        .isAccepted();
    assertThat(mailsTo(login)).contains("Guichet : choisissez un nouveau mot de passe");
    String token = last(RESET, mailsTo(login));

    post("/api/auth/password-reset/completion", Map.of("token", token, "newPassword", "short"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("password-policy");
    post(
            "/api/auth/password-reset/completion",
            Map.of("token", token, "newPassword", "a brand new passphrase"))
        .expectStatus()
        .isNoContent();
    post(
            "/api/auth/password-reset/completion",
            Map.of("token", token, "newPassword", "yet another passphrase"))
        .expectStatus()
        .isBadRequest();

    refresh((String) before.get("refreshToken"), 401);
    post("/api/auth/token", Map.of("login", login, "password", Api.passwordOf("forgetful")))
        .expectStatus()
        .isUnauthorized();
    signIn(login, "a brand new passphrase");
  }

  @Test
  void repeated_failures_slow_down_then_lock_the_account_even_for_the_right_password() {
    String login = Api.loginOf("target", "SPECTATOR");
    String password = opened("target");
    long slowest = 0;
    for (int attempt = 1; attempt <= 5; attempt++) {
      long start = System.nanoTime();
      post("/api/auth/token", Map.of("login", login, "password", "guess number " + attempt))
          .expectStatus()
          .isUnauthorized()
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody()
          .jsonPath("$.code")
          .isEqualTo("bad-credentials");
      slowest = Math.max(slowest, System.nanoTime() - start);
    }
    assertThat(Duration.ofNanos(slowest)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
    post("/api/auth/token", Map.of("login", login, "password", password))
        .expectStatus()
        .isEqualTo(429)
        .expectHeader()
        .exists("Retry-After")
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("sign-in-locked");
    assertThat(guichet.payloads("target"))
        .extracting(p -> p.getClass().getSimpleName())
        .contains("AccountSignInLockedEvent");
  }

  @Test
  void missing_malformed_expired_or_forged_tokens_get_401_problem_json() {
    api.anonymous("POST", "/api/events", Map.of())
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("unauthenticated");

    String expired =
        new AccessTokens(
                AccessTokens.loadOrCreateKey("", dataDir),
                Duration.ofMinutes(15),
                Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC))
            .issue("manager-1", "MANAGER")
            .token();
    String forged =
        new AccessTokens(
                java.util.Base64.getEncoder().encodeToString(new byte[32]),
                dataDir.toString(),
                Duration.ofMinutes(15))
            .issue("manager-1", "MANAGER")
            .token();
    for (String bad : List.of("not-a-jwt", expired, forged)) {
      EntityExchangeResult<byte[]> result =
          http.get()
              .uri("/api/audit/events")
              .header(HttpHeaders.AUTHORIZATION, "Bearer " + bad)
              .exchange()
              .expectStatus()
              .isUnauthorized()
              .expectHeader()
              .contentType(MediaType.APPLICATION_PROBLEM_JSON)
              .expectBody()
              .returnResult();
      assertThat(new String(result.getResponseBody())).doesNotContain(bad);
    }
  }

  @Test
  void actor_headers_sent_by_the_client_are_ignored() {
    http.post()
        .uri("/api/events")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + api.tokenFor("sneaky", "SPECTATOR"))
        .header("X-Actor-Id", "manager-1")
        .header("X-Actor-Role", "MANAGER")
        .header("Idempotency-Key", "sneaky-create-1")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("title", "T", "venue", "V", "startsAt", "2027-01-01T20:00:00Z"))
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("role-required");
  }

  @Test
  void the_browser_signs_in_with_a_secure_session_cookie_and_must_echo_the_csrf_token() {
    api.tokenFor("box-office", "MANAGER");
    EntityExchangeResult<Map> csrf =
        http.get()
            .uri("/api/auth/csrf")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult();
    String csrfToken = (String) csrf.getResponseBody().get("token");
    assertThat(csrf.getResponseCookies().getFirst("XSRF-TOKEN").getValue()).isEqualTo(csrfToken);
    Map<String, String> credentials =
        Map.of("login", "box-office", "password", Api.passwordOf("box-office"));

    http.post()
        .uri("/api/auth/session")
        .cookie("XSRF-TOKEN", csrfToken)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(credentials)
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("csrf");

    EntityExchangeResult<byte[]> signedIn =
        http.post()
            .uri("/api/auth/session")
            .cookie("XSRF-TOKEN", csrfToken)
            .header("X-XSRF-TOKEN", csrfToken)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(credentials)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .returnResult();
    ResponseCookie session = signedIn.getResponseCookies().getFirst("SESSION");
    assertThat(session).isNotNull();
    String signedInToken = signedIn.getResponseCookies().getFirst("XSRF-TOKEN").getValue();
    assertThat(session.isSecure()).isTrue();
    assertThat(session.isHttpOnly()).isTrue();
    assertThat(session.getSameSite()).isEqualTo("Strict");

    http.get()
        .uri("/api/auth/me")
        .cookie("SESSION", session.getValue())
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.accountId")
        .isEqualTo("box-office");
    http.get()
        .uri("/api/auth/session")
        .cookie("SESSION", session.getValue())
        .cookie("XSRF-TOKEN", signedInToken)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.signedIn")
        .isEqualTo(true)
        .jsonPath("$.role")
        .isEqualTo("MANAGER")
        .jsonPath("$.login")
        .isEqualTo("box-office")
        .jsonPath("$.csrf.token")
        .isEqualTo(signedInToken);

    // What the gateway asks before passing a read to the query side: who the session belongs to.
    http.get()
        .uri("/api/auth/identity")
        .cookie("SESSION", session.getValue())
        .exchange()
        .expectStatus()
        .isNoContent()
        .expectHeader()
        .valueEquals("X-Actor-Id", "box-office")
        .expectHeader()
        .valueEquals("X-Actor-Role", "MANAGER");
    http.get()
        .uri("/api/auth/identity")
        .exchange()
        .expectStatus()
        .isNoContent()
        .expectHeader()
        .doesNotExist("X-Actor-Id");

    // The bank's webhooks and the sandbox bank's pages never ride on our session: a browser that
    // carries the session cookie reaches them without a CSRF token (and the signature decides).
    http.post()
        .uri("/api/payments/webhooks/sandbox")
        .cookie("SESSION", session.getValue())
        .header("Guichet-Sandbox-Signature", "t=1,v1=00")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("bad-signature");
    http.post()
        .uri("/sandbox-bank/pay/no-such-payment")
        .cookie("SESSION", session.getValue())
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .bodyValue("card=4242424242424242")
        .exchange()
        .expectStatus()
        .isNotFound();

    Map<String, String> event =
        Map.of("title", "Récital", "venue", "Petite Salle", "startsAt", "2027-03-01T20:00:00Z");
    http.post()
        .uri("/api/events")
        .cookie("SESSION", session.getValue())
        .header("Idempotency-Key", "session-create-1")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(event)
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("csrf");
    http.post()
        .uri("/api/events")
        .cookie("SESSION", session.getValue())
        .cookie("XSRF-TOKEN", signedInToken)
        .header("X-XSRF-TOKEN", signedInToken)
        .header("Idempotency-Key", "session-create-1")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(event)
        .exchange()
        .expectStatus()
        .isCreated();

    http.post()
        .uri("/api/auth/session/sign-out")
        .cookie("SESSION", session.getValue())
        .cookie("XSRF-TOKEN", signedInToken)
        .header("X-XSRF-TOKEN", signedInToken)
        .exchange()
        .expectStatus()
        .isNoContent();
    http.get()
        .uri("/api/auth/me")
        .cookie("SESSION", session.getValue())
        .exchange()
        .expectStatus()
        .isUnauthorized();
    http.get()
        .uri("/api/auth/session")
        .cookie("SESSION", session.getValue())
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.signedIn")
        .isEqualTo(false)
        .jsonPath("$.csrf.token")
        .isNotEmpty();
  }

  @Test
  void signing_in_gives_a_new_session_id_and_a_new_csrf_token_and_the_old_ones_stop_working() {
    api.tokenFor("fixation-desk", "MANAGER");
    api.tokenFor("fixation-other", "MANAGER");
    String preLoginToken =
        (String)
            http.get()
                .uri("/api/auth/csrf")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("token");

    // A session id planted in the browser before sign-in (here one the server never issued) does
    // not become the signed-in session's id.
    EntityExchangeResult<byte[]> first =
        signInBrowser("fixation-desk", "planted-session-id", preLoginToken);
    String firstSession = first.getResponseCookies().getFirst("SESSION").getValue();
    String firstToken = first.getResponseCookies().getFirst("XSRF-TOKEN").getValue();
    assertThat(firstSession).isNotBlank().isNotEqualTo("planted-session-id");
    assertThat(firstToken).isNotBlank().isNotEqualTo(preLoginToken);

    // The token of before sign-in is refused on the signed-in session, with problem+json, even
    // when its cookie is sent along; the rotated token works.
    Map<String, String> event =
        Map.of("title", "Quatuor", "venue", "Petite Salle", "startsAt", "2027-04-01T20:00:00Z");
    http.post()
        .uri("/api/events")
        .cookie("SESSION", firstSession)
        .cookie("XSRF-TOKEN", preLoginToken)
        .header("X-XSRF-TOKEN", preLoginToken)
        .header("Idempotency-Key", "fixation-create-1")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(event)
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("csrf")
        .jsonPath("$.status")
        .isEqualTo(403);
    http.post()
        .uri("/api/events")
        .cookie("SESSION", firstSession)
        .cookie("XSRF-TOKEN", firstToken)
        .header("X-XSRF-TOKEN", firstToken)
        .header("Idempotency-Key", "fixation-create-1")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(event)
        .exchange()
        .expectStatus()
        .isCreated();

    // Signing in again on a live session (another account on the same browser) moves it to a new
    // id: the old id no longer names a signed-in session, and the old token is refused.
    EntityExchangeResult<byte[]> second = signInBrowser("fixation-other", firstSession, firstToken);
    String secondSession = second.getResponseCookies().getFirst("SESSION").getValue();
    String secondToken = second.getResponseCookies().getFirst("XSRF-TOKEN").getValue();
    assertThat(secondSession).isNotBlank().isNotEqualTo(firstSession);
    assertThat(secondToken).isNotBlank().isNotEqualTo(firstToken);
    http.get()
        .uri("/api/auth/me")
        .cookie("SESSION", firstSession)
        .exchange()
        .expectStatus()
        .isUnauthorized();
    http.get()
        .uri("/api/auth/me")
        .cookie("SESSION", secondSession)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.accountId")
        .isEqualTo("fixation-other");
    http.post()
        .uri("/api/events")
        .cookie("SESSION", secondSession)
        .cookie("XSRF-TOKEN", firstToken)
        .header("X-XSRF-TOKEN", firstToken)
        .header("Idempotency-Key", "fixation-create-2")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(event)
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("csrf");
    http.post()
        .uri("/api/events")
        .cookie("SESSION", secondSession)
        .cookie("XSRF-TOKEN", secondToken)
        .header("X-XSRF-TOKEN", secondToken)
        .header("Idempotency-Key", "fixation-create-2")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(event)
        .exchange()
        .expectStatus()
        .isCreated();
    http.get()
        .uri("/api/auth/session")
        .cookie("SESSION", secondSession)
        .cookie("XSRF-TOKEN", secondToken)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.csrf.token")
        .isEqualTo(secondToken);
  }

  private static EntityExchangeResult<byte[]> signInBrowser(
      String login, String sessionCookie, String csrfToken) {
    return http.post()
        .uri("/api/auth/session")
        .cookie("SESSION", sessionCookie)
        .cookie("XSRF-TOKEN", csrfToken)
        .header("X-XSRF-TOKEN", csrfToken)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("login", login, "password", Api.passwordOf(login)))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .returnResult();
  }

  @Test
  void responses_carry_the_security_headers() {
    http.get()
        .uri("/api/auth/csrf")
        .exchange()
        .expectHeader()
        .valueEquals("X-Content-Type-Options", "nosniff")
        .expectHeader()
        .valueEquals("X-Frame-Options", "DENY")
        .expectHeader()
        .valueMatches("Content-Security-Policy", ".*frame-ancestors 'none'.*")
        .expectHeader()
        .valueEquals("Referrer-Policy", "no-referrer");
  }

  private static String opened(String actor) {
    api.tokenFor(actor, "SPECTATOR");
    return Api.passwordOf(actor);
  }

  private static WebTestClient.ResponseSpec post(String path, Object body) {
    return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> signIn(String login, String password) {
    return post("/api/auth/token", Map.of("login", login, "password", password))
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> refresh(String refreshToken, int status) {
    return post("/api/auth/token/refresh", Map.of("refreshToken", refreshToken))
        .expectStatus()
        .isEqualTo(status)
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  /** Subjects and texts of every mail the platform sent to {@code address}, oldest first. */
  private static String mailsTo(String address) {
    StringBuilder all = new StringBuilder();
    for (var message : new Mailbox(guichet.bean(GreenMail.class)).to(address)) {
      try {
        all.append(message.getSubject()).append('\n').append(Mailbox.html(message)).append('\n');
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return all.toString();
  }

  private static String last(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    String found = null;
    while (matcher.find()) {
      found = matcher.group(1);
    }
    assertThat(found).as("a link matching %s in the mails", pattern).isNotNull();
    return found;
  }

  /** Spring Security takes a firewall bean only when it is the one of its type. */
  @Test
  void one_firewall_bean_so_that_spring_security_uses_it() {
    assertThat(guichet.bean(ServerWebExchangeFirewall.class).getClass().getSimpleName())
        .isEqualTo("StrictServerWebExchangeFirewall");
  }
}
