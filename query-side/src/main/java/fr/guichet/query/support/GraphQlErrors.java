package fr.guichet.query.support;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/** Unknown ids and bad filters as GraphQL errors that say so (NOT_FOUND, BAD_REQUEST). */
@Component
class GraphQlErrors extends DataFetcherExceptionResolverAdapter {

  @Override
  protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
    ErrorType type;
    String code;
    if (ex instanceof NotFoundException notFound) {
      type = ErrorType.NOT_FOUND;
      code = notFound.code();
    } else if (ex instanceof BadQueryException bad) {
      type = ErrorType.BAD_REQUEST;
      code = bad.code();
    } else {
      return null;
    }
    return GraphqlErrorBuilder.newError(env)
        .errorType(type)
        .message(ex.getMessage())
        .extensions(java.util.Map.of("code", code))
        .build();
  }
}
