package fr.guichet.command.web;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Sends a command on behalf of an HTTP request, with the audit metadata (actor, client, request id)
 * that Axon copies onto every event the command causes.
 */
@Component
public class CommandSender {

  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final CommandGateway gateway;

  public CommandSender(CommandGateway gateway) {
    this.gateway = gateway;
  }

  public <R> Mono<R> send(Object command, Actor actor, ServerHttpRequest request) {
    return Mono.defer(
        () ->
            Mono.fromFuture(
                gateway.send(
                    GenericCommandMessage.asCommandMessage(command)
                        .andMetaData(metaData(actor, request)))));
  }

  /** The audit metadata of a command sent on behalf of {@code request}. */
  public static MetaData metaData(Actor actor, ServerHttpRequest request) {
    Map<String, Object> values = new HashMap<>();
    values.put("actorId", actor.id());
    values.put("actorRole", actor.role().name());
    values.put("requestId", request.getId());
    Optional.ofNullable(request.getHeaders().getFirst(IDEMPOTENCY_KEY))
        .ifPresent(key -> values.put("idempotencyKey", key));
    Optional.ofNullable(request.getRemoteAddress())
        .map(InetSocketAddress::getHostString)
        .ifPresent(ip -> values.put("clientIp", ip));
    Optional.ofNullable(request.getHeaders().getFirst("User-Agent"))
        .map(ua -> ua.length() > 200 ? ua.substring(0, 200) : ua)
        .ifPresent(ua -> values.put("userAgent", ua));
    return MetaData.from(values);
  }
}
