package fr.guichet.command.web;

import fr.guichet.command.abuse.DeviceCookieFilter;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends a command on behalf of an HTTP request, with the audit metadata (actor, client, request id)
 * that Axon copies onto every event the command causes.
 */
@Component
public class CommandSender {

  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final CommandGateway gateway;
  private final CommandAdmission admission;

  public CommandSender(CommandGateway gateway, CommandAdmission admission) {
    this.gateway = gateway;
    this.admission = admission;
  }

  /**
   * Sends {@code command}, or fails at once with {@link CommandAdmission.OverloadedException} when
   * the node already handles as many commands as it may.
   */
  public <R> Mono<R> send(Object command, Actor actor, ServerHttpRequest request) {
    // Subscribed off the HTTP event loop: with the default (simple) command bus, send() runs the
    // handler, the aggregate lock and the JDBC transaction on the calling thread.
    return Mono.<R>defer(
        () -> {
          if (!admission.tryEnter()) {
            return Mono.error(new CommandAdmission.OverloadedException());
          }
          long entered = System.nanoTime();
          // The slot is given back before the answer goes on towards the client: a client that
          // sends its next command as soon as it has the answer must find the slot free (doFinally
          // ran after the response was written, so a one-slot node refused a sequential client).
          AtomicBoolean answered = new AtomicBoolean();
          Runnable leave =
              () -> {
                if (answered.compareAndSet(false, true)) {
                  admission.leave();
                  admission.answered(command, entered);
                }
              };
          return Mono.<R>defer(
                  () ->
                      Mono.fromFuture(
                          gateway.send(
                              GenericCommandMessage.asCommandMessage(command)
                                  .andMetaData(metaData(actor, request)))))
              .subscribeOn(Schedulers.boundedElastic())
              .doOnSuccess(result -> leave.run())
              .doOnError(failure -> leave.run())
              .doOnCancel(leave);
        });
  }

  private static final java.util.regex.Pattern REQUEST_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /** The entry point's X-Request-Id (nginx sets one) when it looks like one, else the server's. */
  static String requestId(ServerHttpRequest request) {
    String given = request.getHeaders().getFirst("X-Request-Id");
    return given != null && REQUEST_ID.matcher(given).matches() ? given : request.getId();
  }

  /** The audit metadata of a command sent on behalf of {@code request}. */
  public static MetaData metaData(Actor actor, ServerHttpRequest request) {
    Map<String, Object> values = new HashMap<>();
    values.put("actorId", actor.id());
    values.put("actorRole", actor.role().name());
    values.put("requestId", requestId(request));
    Optional.ofNullable(request.getHeaders().getFirst(IDEMPOTENCY_KEY))
        .ifPresent(key -> values.put("idempotencyKey", key));
    Optional.ofNullable(request.getRemoteAddress())
        .map(InetSocketAddress::getHostString)
        .ifPresent(ip -> values.put("clientIp", ip));
    // The keyed hash of the device cookie, set by the platform's own filter (never the client's).
    Optional.ofNullable(request.getHeaders().getFirst(DeviceCookieFilter.HEADER))
        .ifPresent(device -> values.put("deviceId", device));
    Optional.ofNullable(request.getHeaders().getFirst("User-Agent"))
        .map(ua -> ua.length() > 200 ? ua.substring(0, 200) : ua)
        .ifPresent(ua -> values.put("userAgent", ua));
    return MetaData.from(values);
  }
}
