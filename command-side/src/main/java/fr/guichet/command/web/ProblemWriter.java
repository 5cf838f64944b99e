package fr.guichet.command.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers from a WebFilter, before any controller runs, with the same application/problem+json
 * shape as {@link ProblemResponses}.
 */
public final class ProblemWriter {

  private static final String TYPE_BASE = "https://guichet.example/problems/";

  private ProblemWriter() {}

  public static Mono<Void> write(
      ServerWebExchange exchange,
      HttpStatus status,
      String code,
      String detail,
      Map<String, Object> extra) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", TYPE_BASE + code);
    body.put("title", status.getReasonPhrase());
    body.put("status", status.value());
    body.put("detail", detail);
    body.put("instance", exchange.getRequest().getPath().value());
    body.put("code", code);
    body.putAll(extra);
    byte[] bytes = JsonMapper.shared().writeValueAsBytes(body);
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    DataBuffer buffer = response.bufferFactory().wrap(bytes);
    return response.writeWith(Mono.just(buffer));
  }

  public static Mono<Void> write(
      ServerWebExchange exchange, HttpStatus status, String code, String detail) {
    return write(exchange, status, code, detail, Map.of());
  }
}
