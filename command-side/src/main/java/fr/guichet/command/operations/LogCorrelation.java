package fr.guichet.command.operations;

import java.util.List;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

/**
 * Puts the ids that tie a log line to what caused it into the logging context while a command or an
 * event is handled: the HTTP request ({@code requestId}), the first message of the chain ({@code
 * traceId}) and the message that caused this one ({@code correlationId}), all taken from the
 * message's metadata. Structured (JSON) logs carry them as fields.
 */
public final class LogCorrelation implements MessageHandlerInterceptor<Message<?>> {

  static final List<String> KEYS = List.of("requestId", "traceId", "correlationId");

  @Override
  public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain chain)
      throws Exception {
    Message<?> message = unitOfWork.getMessage();
    String[] previous = new String[KEYS.size()];
    for (int i = 0; i < KEYS.size(); i++) {
      String key = KEYS.get(i);
      previous[i] = MDC.get(key);
      Object value = message.getMetaData().get(key);
      if (value != null) {
        MDC.put(key, value.toString());
      } else {
        MDC.remove(key);
      }
    }
    try {
      return chain.proceed();
    } finally {
      for (int i = 0; i < KEYS.size(); i++) {
        if (previous[i] == null) {
          MDC.remove(KEYS.get(i));
        } else {
          MDC.put(KEYS.get(i), previous[i]);
        }
      }
    }
  }
}
