package fr.guichet.command.security;

import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import reactor.core.publisher.Mono;

/**
 * Who may call what. Everything under /api needs a signed-in account, except signing in itself and
 * browsing (catalog, seat maps, availability, the waiting room). Roles are checked where the work
 * is done, through {@link fr.guichet.command.web.Actor#require}. Two ways to be signed in: a bearer
 * JWT (scripts, integrations) or a session cookie (the browser UI, with CSRF protection).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfiguration {

  /**
   * The cookie that carries a browser session; its attributes come from server.reactive.session.
   */
  public static final String SESSION_COOKIE = "SESSION";

  static final String[] PUBLIC_AUTH = {
    "/api/auth/token",
    "/api/auth/token/refresh",
    "/api/auth/sign-out",
    "/api/auth/signup",
    "/api/auth/email-verification",
    "/api/auth/password-reset",
    "/api/auth/password-reset/completion",
    "/api/auth/session",
    "/api/auth/session/sign-out",
    "/api/auth/identity",
    "/api/auth/csrf"
  };

  /**
   * What anyone may read without an account: the catalog, seat maps, live availability, a waiting
   * room's state (how many wait, whether it is on) and the proof-of-work challenge (useless without
   * an account to join or hold with). Joining the queue, one's own place in it and holding need a
   * signed-in account: the queue gives one place per account and admits that account only.
   */
  static final String[] PUBLIC_BROWSING = {
    "/api/events",
    "/api/events/*",
    "/api/events/*/seat-map",
    "/api/events/*/seat-map/**",
    "/api/events/*/availability",
    "/api/events/*/availability/**",
    "/api/events/*/waiting-room",
    "/api/events/*/challenge"
  };

  /**
   * Called by machines that authenticate otherwise: the bank's webhooks carry an HMAC signature
   * that the payment gateway verifies, and the sandbox bank stands for a third-party site (its
   * pages post their own forms). No account, and no CSRF token (they never ride on our session).
   */
  static final String[] PUBLIC_INTEGRATIONS = {"/api/payments/webhooks/**", "/sandbox-bank/**"};

  /**
   * Liveness and readiness probes; the other actuator endpoints stay off the public entry point.
   */
  static final String[] PUBLIC_PROBES = {
    "/actuator/health", "/actuator/health/**", "/actuator/info"
  };

  private static final org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher
      INTEGRATIONS =
          org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers
              .pathMatchers(PUBLIC_INTEGRATIONS);

  private static final Set<HttpMethod> SAFE =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

  @Bean
  PasswordEncoder passwordEncoder(
      @Value("${guichet.security.bcrypt-strength:12}") int bcryptStrength) {
    return new DelegatingPasswordEncoder(
        "bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(bcryptStrength)));
  }

  /**
   * No Micrometer observation around each of the security chain's filters, its authentication and
   * its authorization (a long-task timer, a timer and a context per filter per request: about half
   * of the metrics work of a hold over HTTP, bench/README.md session 6). The request itself is
   * still observed ({@code http.server.requests}); {@code
   * guichet.metrics.security-observations=true} restores Spring Security's observations.
   */
  @Bean
  @ConditionalOnProperty(
      name = "guichet.metrics.security-observations",
      havingValue = "false",
      matchIfMissing = true)
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  /** Spring's strict firewall, its header checks made cheap ({@link HeaderFirewall}). */
  @Bean
  ServerWebExchangeFirewall firewall() {
    return HeaderFirewall.strict();
  }

  @Bean
  SessionBoundCsrfTokens csrfTokens() {
    return new SessionBoundCsrfTokens();
  }

  @Bean
  ReactiveJwtDecoder accessTokenDecoder(AccessTokens tokens) {
    return tokens.decoder();
  }

  @Bean
  SecurityWebFilterChain guichetSecurity(
      ServerHttpSecurity http,
      ReactiveJwtDecoder decoder,
      SecurityProblems problems,
      SessionBoundCsrfTokens csrfTokens) {
    return http.authorizeExchange(
            exchanges ->
                exchanges
                    .pathMatchers(HttpMethod.OPTIONS)
                    .permitAll()
                    .pathMatchers(PUBLIC_AUTH)
                    .permitAll()
                    .pathMatchers(HttpMethod.GET, PUBLIC_BROWSING)
                    .permitAll()
                    .pathMatchers(PUBLIC_INTEGRATIONS)
                    .permitAll()
                    .pathMatchers(HttpMethod.GET, PUBLIC_PROBES)
                    .permitAll()
                    .pathMatchers("/api/**")
                    .authenticated()
                    .anyExchange()
                    .permitAll())
        .oauth2ResourceServer(
            resourceServer ->
                resourceServer
                    .authenticationEntryPoint(problems.unauthenticated())
                    .accessDeniedHandler(problems.denied())
                    .jwt(
                        jwt ->
                            jwt.jwtDecoder(decoder)
                                .jwtAuthenticationConverter(
                                    token -> {
                                      String role = token.getClaimAsString(AccessTokens.ROLE_CLAIM);
                                      if (!AccessTokens.knownRole(role)) {
                                        return Mono.error(
                                            new org.springframework.security.authentication
                                                .BadCredentialsException("unknown role"));
                                      }
                                      return Mono.just(
                                          new AccountAuthentication(token.getSubject(), role));
                                    })))
        .securityContextRepository(new SessionCookieSecurityContexts())
        .exceptionHandling(
            handling ->
                handling
                    .authenticationEntryPoint(problems.unauthenticated())
                    .accessDeniedHandler(problems.denied()))
        .csrf(
            csrf ->
                csrf.csrfTokenRepository(csrfTokens)
                    .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                    .requireCsrfProtectionMatcher(SecurityConfiguration::needsCsrfToken)
                    .accessDeniedHandler(problems.denied()))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(
                        csp ->
                            csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self'"
                                    + " 'unsafe-inline'; object-src 'none'; frame-ancestors"
                                    + " 'none'; base-uri 'self'; form-action 'self'"))
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .addFilterAt(new ActorWebFilter(), SecurityWebFiltersOrder.LAST)
        .build();
  }

  /**
   * A cookie travels with cross-site requests, a bearer header does not: state-changing requests
   * that ride on a session cookie (and the session sign-in itself) must echo the CSRF token.
   */
  static Mono<MatchResult> needsCsrfToken(
      org.springframework.web.server.ServerWebExchange exchange) {
    ServerHttpRequest request = exchange.getRequest();
    if (SAFE.contains(request.getMethod())) {
      return MatchResult.notMatch();
    }
    return INTEGRATIONS
        .matches(exchange)
        .flatMap(
            integration ->
                integration.isMatch() ? MatchResult.notMatch() : sessionRequest(request));
  }

  private static Mono<MatchResult> sessionRequest(ServerHttpRequest request) {
    String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return MatchResult.notMatch();
    }
    boolean sessionCookie = request.getCookies().containsKey(SESSION_COOKIE);
    boolean sessionSignIn = "/api/auth/session".equals(request.getPath().value());
    return sessionCookie || sessionSignIn ? MatchResult.match() : MatchResult.notMatch();
  }
}
