package fr.guichet.command.config;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.ReflectionUtils;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Axon's {@link AnnotationCommandTargetResolver}, with the annotated members found once per command
 * class instead of once per command.
 *
 * <p>Axon's resolver walks every method and field of the command, and their meta-annotations, at
 * every command, twice: once for {@link TargetAggregateIdentifier} and once for {@link
 * TargetAggregateVersion}, which no command here has, so the second walk always goes to the end.
 * That was 10 % of all CPU samples of a hold-and-release benchmark (bench/README.md, session 12).
 * The members are looked up with Axon's own reflection helpers in Axon's order (methods, then
 * fields) and read the same way; whenever the identifier is missing or a value cannot be read, the
 * command goes to Axon's resolver, so the errors are Axon's.
 */
public final class CachedCommandTargetResolver implements CommandTargetResolver {

  private final CommandTargetResolver axon = AnnotationCommandTargetResolver.builder().build();

  private final ClassValue<Members> members =
      new ClassValue<>() {
        @Override
        protected Members computeValue(Class<?> type) {
          return new Members(
              annotated(type, TargetAggregateIdentifier.class),
              annotated(type, TargetAggregateVersion.class));
        }
      };

  @Override
  public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
    Members target = members.get(command.getPayloadType());
    Object payload = command.getPayload();
    try {
      Object identifier = target.identifier().read(payload);
      if (identifier == null) {
        return axon.resolveTarget(command);
      }
      return new VersionedAggregateIdentifier(identifier, asLong(target.version().read(payload)));
    } catch (ReflectiveOperationException | RuntimeException unreadable) {
      return axon.resolveTarget(command);
    }
  }

  private static Long asLong(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof Number number
        ? Long.valueOf(number.longValue())
        : Long.valueOf(Long.parseLong(value.toString()));
  }

  private static Member annotated(Class<?> type, Class<? extends Annotation> annotation) {
    for (Method method : ReflectionUtils.methodsOf(type)) {
      if (AnnotationUtils.isAnnotationPresent(method, annotation)) {
        Method accessible = ReflectionUtils.ensureAccessible(method);
        return accessible::invoke;
      }
    }
    for (Field field : ReflectionUtils.fieldsOf(type)) {
      if (AnnotationUtils.isAnnotationPresent(field, annotation)) {
        return payload -> ReflectionUtils.getFieldValue(field, payload);
      }
    }
    return payload -> null;
  }

  @FunctionalInterface
  private interface Member {
    Object read(Object payload) throws ReflectiveOperationException;
  }

  private record Members(Member identifier, Member version) {}
}
