package fr.guichet.command.persistence;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

class SchemaStatementsTest {

  private static final String CREATE = "CREATE TABLE IF NOT EXISTS t (id INT)";
  private static final String INDEX = "CREATE INDEX IF NOT EXISTS t_id ON t (id)";
  private final JdbcTemplate jdbc = mock(JdbcTemplate.class);

  @Test
  void a_statement_losing_the_race_to_another_node_is_run_again_then_the_next_one_runs() {
    doThrow(new DataIntegrityViolationException("duplicate key pg_type_typname_nsp_index"))
        .doNothing()
        .when(jdbc)
        .execute(CREATE);
    doNothing().when(jdbc).execute(INDEX);

    SchemaStatements.apply(jdbc, 1, CREATE, INDEX);

    InOrder order = inOrder(jdbc);
    order.verify(jdbc, times(2)).execute(CREATE);
    order.verify(jdbc).execute(INDEX);
  }

  @Test
  void a_statement_that_keeps_failing_fails_the_start_after_a_few_attempts() {
    doThrow(new DataIntegrityViolationException("permission denied")).when(jdbc).execute(CREATE);

    assertThatThrownBy(() -> SchemaStatements.apply(jdbc, 1, CREATE, INDEX))
        .isInstanceOf(DataIntegrityViolationException.class);
    verify(jdbc, times(SchemaStatements.ATTEMPTS)).execute(CREATE);
    verify(jdbc, times(0)).execute(INDEX);
  }
}
