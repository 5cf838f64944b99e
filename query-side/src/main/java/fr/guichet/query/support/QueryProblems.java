package fr.guichet.query.support;

import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

/**
 * problem+json for the read side: 404 for unknown ids (and others' orders), 403 for views the
 * reader's role does not open, 409 for operations the view's state refuses, 400 for filters the
 * views cannot serve.
 */
@RestControllerAdvice(basePackages = "fr.guichet.query")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class QueryProblems {

  private static final String TYPE_BASE = "https://guichet.example/problems/";

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, e.code(), e.getMessage());
  }

  @ExceptionHandler(ForbiddenException.class)
  ResponseEntity<ProblemDetail> forbidden(ForbiddenException e) {
    return problem(HttpStatus.FORBIDDEN, e.code(), e.getMessage());
  }

  @ExceptionHandler(ConflictException.class)
  ResponseEntity<ProblemDetail> conflict(ConflictException e) {
    return problem(HttpStatus.CONFLICT, e.code(), e.getMessage());
  }

  @ExceptionHandler(BadQueryException.class)
  ResponseEntity<ProblemDetail> badQuery(BadQueryException e) {
    return problem(HttpStatus.BAD_REQUEST, e.code(), e.getMessage());
  }

  @ExceptionHandler(ServerWebInputException.class)
  ResponseEntity<ProblemDetail> unreadable(ServerWebInputException e) {
    String reason = e.getReason() == null ? "invalid parameter" : e.getReason();
    return problem(HttpStatus.BAD_REQUEST, "invalid-parameter", reason + ".");
  }

  public static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String code, String detail) {
    ProblemDetail body = ProblemDetail.forStatus(status);
    body.setType(URI.create(TYPE_BASE + code));
    body.setTitle(status.getReasonPhrase());
    body.setDetail(detail);
    body.setProperty("code", code);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }
}
