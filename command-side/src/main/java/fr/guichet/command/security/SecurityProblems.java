package fr.guichet.command.security;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The filter chain's refusals, in the same problem+json shape as the controllers': 401 when nobody
 * (or an expired or forged token) is signed in, 403 when the role or the CSRF token is missing.
 */
@Component
class SecurityProblems {

  private static final String TYPE_BASE = "https://guichet.example/problems/";
  private final JsonMapper json;

  SecurityProblems(JsonMapper json) {
    this.json = json;
  }

  ServerAuthenticationEntryPoint unauthenticated() {
    return (exchange, failure) -> {
      exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer realm=\"guichet\"");
      return write(
          exchange,
          HttpStatus.UNAUTHORIZED,
          "unauthenticated",
          "Sign in first: send a valid bearer token (POST /api/auth/token) or a session cookie.");
    };
  }

  ServerAccessDeniedHandler denied() {
    return (exchange, failure) ->
        failure instanceof CsrfException
            ? write(
                exchange,
                HttpStatus.FORBIDDEN,
                "csrf",
                "Requests signed in by a session cookie must carry the X-XSRF-TOKEN header"
                    + " (GET /api/auth/csrf).")
            : write(exchange, HttpStatus.FORBIDDEN, "forbidden", "Your role does not allow this.");
  }

  Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", TYPE_BASE + code);
    body.put("title", status.getReasonPhrase());
    body.put("status", status.value());
    body.put("detail", detail);
    body.put("code", code);
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(status);
    if (hasUnreadBody(exchange)) {
      response.getHeaders().set("Connection", "close");
    }
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    DataBuffer buffer = response.bufferFactory().wrap(bytes);
    return response.writeWith(Mono.just(buffer));
  }

  /**
   * A refusal answers before the request body was read. Closing the connection afterwards keeps the
   * unread body from being taken for the next request on a kept-alive connection (seen as an
   * occasional client hang on the POST that followed a refused one).
   */
  private static boolean hasUnreadBody(ServerWebExchange exchange) {
    var headers = exchange.getRequest().getHeaders();
    return headers.getContentLength() > 0 || headers.containsHeader("Transfer-Encoding");
  }
}
