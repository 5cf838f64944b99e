package fr.guichet.command.event;

import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import java.util.List;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matchers for fixture tests of cancellations. */
public final class PartialCancellationMatchers {

  private PartialCancellationMatchers() {}

  /** A {@link CommandRejectedException} of that kind, code and places. */
  public static Matcher<CommandRejectedException> rejection(
      Rejection.Kind kind, String code, List<String> places) {
    return new TypeSafeMatcher<>() {
      @Override
      protected boolean matchesSafely(CommandRejectedException e) {
        Rejection r = e.rejection();
        return r.kind() == kind && r.code().equals(code) && r.places().equals(places);
      }

      @Override
      public void describeTo(Description description) {
        description.appendText("rejection " + kind + " " + code + " " + places);
      }
    };
  }
}
