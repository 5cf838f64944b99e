package fr.guichet.query.support;

import java.util.Map;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Puts the {@link Reader} of each GraphQL request (over HTTP, SSE or WebSocket) in its context. */
@Component
class ReaderGraphQlContext implements WebGraphQlInterceptor {

  @Override
  public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
    Reader reader = Reader.from(request.getHeaders());
    request.configureExecutionInput(
        (input, builder) -> builder.graphQLContext(Map.of(Reader.CONTEXT_KEY, reader)).build());
    return chain.next(request);
  }
}
