package fr.guichet.command.web;

import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.command.config.ConflictRetry;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import reactor.netty.channel.AbortedException;

/**
 * Turns every failure into application/problem+json a person can read: 409 with the places that are
 * not free, 422 naming the broken rule, 400 with field errors, 404 for unknown ids. Never a stack
 * trace.
 */
@RestControllerAdvice
public class ProblemResponses {

  private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
  private final MeterRegistry meters;

  public ProblemResponses(MeterRegistry meters) {
    this.meters = meters;
  }

  private static final String TYPE_BASE = "https://guichet.example/problems/";

  @ExceptionHandler(CommandRejectedException.class)
  ResponseEntity<ProblemDetail> rejected(CommandRejectedException e) {
    meters.counter("guichet.rejections", "code", e.rejection().code()).increment();
    return problem(e.rejection());
  }

  @ExceptionHandler(CommandExecutionException.class)
  ResponseEntity<ProblemDetail> remoteRejection(CommandExecutionException e) {
    Object details = e.getDetails().orElse(null);
    if (details instanceof Rejection rejection) {
      return problem(rejection);
    }
    if (e.getCause() instanceof CommandRejectedException rejected) {
      return problem(rejected.rejection());
    }
    return unexpected(e);
  }

  @ExceptionHandler(AuthenticationRequiredException.class)
  ResponseEntity<ProblemDetail> unauthenticated(AuthenticationRequiredException e) {
    ProblemDetail body = ProblemDetail.forStatus(HttpStatus.UNAUTHORIZED);
    body.setType(URI.create(TYPE_BASE + "unauthenticated"));
    body.setTitle("Unauthorized");
    body.setDetail(e.getMessage());
    body.setProperty("code", "unauthenticated");
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
        .header("WWW-Authenticate", "Bearer realm=\"guichet\"")
        .body(body);
  }

  @ExceptionHandler(CommandAdmission.OverloadedException.class)
  ResponseEntity<ProblemDetail> overloaded(CommandAdmission.OverloadedException e) {
    return tryAgainSoon("overloaded", "Too many requests at this moment");
  }

  /** 503 with Retry-After: nothing was changed, the same request may simply be sent again. */
  private ResponseEntity<ProblemDetail> tryAgainSoon(String code, String title) {
    meters.counter("guichet.rejections", "code", code).increment();
    ProblemDetail body = ProblemDetail.forStatus(HttpStatus.SERVICE_UNAVAILABLE);
    body.setType(URI.create(TYPE_BASE + code));
    body.setTitle(title);
    body.setDetail("Nothing was changed. Please try again in a second.");
    body.setProperty("code", code);
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", "1")
        .body(body);
  }

  @ExceptionHandler(AggregateNotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e) {
    return problem(
        Rejection.notFound(
            "not-found", "Nothing exists with id " + e.getAggregateIdentifier() + "."));
  }

  @ExceptionHandler(WebExchangeBindException.class)
  ResponseEntity<ProblemDetail> invalidFields(WebExchangeBindException e) {
    Map<String, String> errors = new LinkedHashMap<>();
    e.getFieldErrors().forEach(f -> errors.putIfAbsent(f.getField(), f.getDefaultMessage()));
    e.getGlobalErrors().forEach(g -> errors.putIfAbsent(g.getObjectName(), g.getDefaultMessage()));
    ProblemDetail body = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
    body.setType(URI.create(TYPE_BASE + "invalid-request"));
    body.setTitle("Invalid request");
    body.setDetail("Some fields are missing or wrong: " + String.join(", ", errors.keySet()) + ".");
    body.setProperty("code", "invalid-request");
    body.setProperty("errors", errors);
    return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(body);
  }

  @ExceptionHandler(ServerWebInputException.class)
  ResponseEntity<ProblemDetail> unreadable(ServerWebInputException e) {
    ProblemDetail body = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
    body.setType(URI.create(TYPE_BASE + "unreadable-request"));
    body.setTitle("Unreadable request");
    body.setDetail(
        "The request could not be read ("
            + firstLine(e.getMostSpecificCause().getMessage())
            + "). Check the JSON body and parameters.");
    body.setProperty("code", "unreadable-request");
    return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(body);
  }

  @ExceptionHandler(ResponseStatusException.class)
  ResponseEntity<ProblemDetail> status(ResponseStatusException e) {
    HttpStatusCode status = e.getStatusCode();
    ProblemDetail body = ProblemDetail.forStatus(status);
    String code = status.is4xxClientError() ? "http-" + status.value() : "internal-error";
    body.setType(URI.create(TYPE_BASE + code));
    body.setTitle(
        status instanceof HttpStatus known ? known.getReasonPhrase() : "HTTP " + status.value());
    body.setDetail(status.value() == 404 ? "Nothing here." : firstLine(e.getReason()));
    body.setProperty("code", code);
    return ResponseEntity.status(status).body(body);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    if (e.getCause() instanceof CommandRejectedException rejected) {
      return problem(rejected.rejection());
    }
    if (ConflictRetry.isConflict(e)) {
      return tryAgainSoon("busy", "Too many buyers at the same moment");
    }
    if (interrupted(e)) {
      // Axon's unit-of-work timeout stopped a command that waited too long (an onsale spike on
      // an overloaded node): its unit of work rolled back. An overload, not a fault: 503.
      meters.counter("guichet.rejections", "code", "timed-out").increment();
      ProblemDetail body = ProblemDetail.forStatus(HttpStatus.SERVICE_UNAVAILABLE);
      body.setType(URI.create(TYPE_BASE + "timed-out"));
      body.setTitle("The platform is too busy to finish this request in time");
      body.setDetail(
          "The request was stopped before it completed. Send it again in a few seconds with the"
              + " same Idempotency-Key.");
      body.setProperty("code", "timed-out");
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header("Retry-After", "5")
          .body(body);
    }
    if (clientHungUp(e)) {
      // Nobody reads this answer; the client retries with its Idempotency-Key if it wants one.
      log.debug("The client hung up before its answer was written: {}", e.toString());
      return ResponseEntity.status(CLIENT_CLOSED_REQUEST).build();
    }
    log.error("Unexpected failure while handling a request", e);
    ProblemDetail body = ProblemDetail.forStatus(HttpStatus.INTERNAL_SERVER_ERROR);
    body.setType(URI.create(TYPE_BASE + "internal-error"));
    body.setTitle("Something went wrong on our side");
    body.setDetail("Nothing was changed. Please try again in a moment.");
    body.setProperty("code", "internal-error");
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(body);
  }

  /** What proxies (nginx) and dashboards call a request the client closed before its answer. */
  static final HttpStatusCode CLIENT_CLOSED_REQUEST = HttpStatusCode.valueOf(499);

  private static boolean clientHungUp(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (AbortedException.isConnectionReset(t)) {
        return true;
      }
    }
    return false;
  }

  private static boolean interrupted(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    String line = message.lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  static ResponseEntity<ProblemDetail> problem(Rejection rejection) {
    HttpStatus status =
        switch (rejection.kind()) {
          case CONFLICT -> HttpStatus.CONFLICT;
          case RULE -> HttpStatus.UNPROCESSABLE_CONTENT;
          case INVALID -> HttpStatus.BAD_REQUEST;
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case FORBIDDEN -> HttpStatus.FORBIDDEN;
          case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    ProblemDetail body = ProblemDetail.forStatus(status);
    body.setType(URI.create(TYPE_BASE + rejection.code()));
    body.setTitle(status.getReasonPhrase());
    body.setDetail(rejection.message());
    body.setProperty("code", rejection.code());
    if (!rejection.places().isEmpty()) {
      body.setProperty("places", rejection.places());
    }
    ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
    if (status == HttpStatus.SERVICE_UNAVAILABLE) {
      response.header("Retry-After", "1");
    }
    return response.body(body);
  }
}
