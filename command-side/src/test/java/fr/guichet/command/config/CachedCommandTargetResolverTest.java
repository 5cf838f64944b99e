package fr.guichet.command.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import fr.guichet.api.event.EventCommand.HoldPlacesCommand;
import fr.guichet.api.event.EventCommand.ReleaseHoldCommand;
import fr.guichet.api.event.PlaceSelection;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The cached resolver answers exactly as Axon's, values and errors alike, command after command.
 */
class CachedCommandTargetResolverTest {

  private final CommandTargetResolver axon = AnnotationCommandTargetResolver.builder().build();
  private final CommandTargetResolver cached = new CachedCommandTargetResolver();

  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.FIELD, ElementType.METHOD})
  @TargetAggregateIdentifier
  @interface OurIdentifier {}

  record OnRecordComponent(@TargetAggregateIdentifier String id, String other) {}

  record WithVersion(@TargetAggregateIdentifier String id, @TargetAggregateVersion Long version) {}

  record WithTextVersion(
      @TargetAggregateIdentifier String id, @TargetAggregateVersion String version) {}

  record MetaAnnotated(@OurIdentifier String id) {}

  record NumericIdentifier(@TargetAggregateIdentifier long id) {}

  record Unannotated(String id) {}

  static final class OnGetter {
    private final String id;

    OnGetter(String id) {
      this.id = id;
    }

    @TargetAggregateIdentifier
    String target() {
      return "getter-" + id;
    }
  }

  static final class OnPrivateField {
    @TargetAggregateIdentifier private final String id;

    @TargetAggregateVersion private final int version;

    OnPrivateField(String id, int version) {
      this.id = id;
      this.version = version;
    }
  }

  @Test
  void resolves_every_kind_of_command_as_axon_does() {
    List<Object> commands =
        List.of(
            new HoldPlacesCommand("ev-1", "o-1", "c-1", PlaceSelection.specific(List.of("A-1"))),
            new ReleaseHoldCommand("ev-2", "o-1", "c-1"),
            new OnRecordComponent("r-1", "x"),
            new OnRecordComponent("r-2", "y"),
            new WithVersion("v-1", 7L),
            new WithVersion("v-2", null),
            new WithTextVersion("t-1", "12"),
            new MetaAnnotated("m-1"),
            new NumericIdentifier(42),
            new OnGetter("g-1"),
            new OnPrivateField("f-1", 3));
    for (int round = 0; round < 2; round++) {
      for (Object payload : commands) {
        VersionedAggregateIdentifier expected = axon.resolveTarget(message(payload));
        VersionedAggregateIdentifier actual = cached.resolveTarget(message(payload));
        assertThat(actual.getIdentifierValue())
            .as("%s", payload)
            .isEqualTo(expected.getIdentifierValue());
        assertThat(actual.getIdentifier()).isEqualTo(expected.getIdentifier());
        assertThat(actual.getVersion()).as("%s", payload).isEqualTo(expected.getVersion());
      }
    }
  }

  @Test
  void refuses_what_axon_refuses_with_axon_errors() {
    for (Object payload :
        List.of(
            new Unannotated("u-1"),
            new OnRecordComponent(null, "x"),
            new WithTextVersion("t-1", "seven"))) {
      Throwable expected = catchThrowable(() -> axon.resolveTarget(message(payload)));
      Throwable actual = catchThrowable(() -> cached.resolveTarget(message(payload)));
      assertThat(expected).as("%s", payload).isInstanceOf(IllegalArgumentException.class);
      assertThat(actual).isInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
    }
  }

  private static CommandMessage<?> message(Object payload) {
    return GenericCommandMessage.asCommandMessage(payload);
  }
}
