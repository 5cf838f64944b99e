package fr.guichet.command.persistence;

import java.sql.Types;
import org.hibernate.boot.model.TypeContributions;
import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.jdbc.BinaryJdbcType;

/**
 * PostgreSQL with binary {@code @Lob} columns stored inline as {@code bytea}.
 *
 * <p>Axon's JPA entities (events, snapshots, tracking tokens, sagas, dead letters) declare their
 * serialized payloads as {@code @Lob byte[]}. Hibernate's stock PostgreSQL dialect maps those to
 * {@code oid}: each payload becomes a separate large object in {@code pg_largeobject}, referenced
 * by number, never removed when its row goes (tokens are rewritten constantly) and unreadable in
 * plain SQL. This dialect declares such columns {@code bytea} and binds them as plain bytes, as
 * AxonIQ recommends for PostgreSQL. The {@code postgres} profile selects it ({@code
 * spring.jpa.database-platform}).
 */
public class ByteaPostgreSQLDialect extends PostgreSQLDialect {

  public ByteaPostgreSQLDialect() {
    super();
  }

  public ByteaPostgreSQLDialect(DialectResolutionInfo info) {
    super(info);
  }

  public ByteaPostgreSQLDialect(DatabaseVersion version) {
    super(version);
  }

  @Override
  protected String columnType(int sqlTypeCode) {
    return sqlTypeCode == SqlTypes.BLOB ? "bytea" : super.columnType(sqlTypeCode);
  }

  @Override
  protected String castType(int sqlTypeCode) {
    return sqlTypeCode == SqlTypes.BLOB ? "bytea" : super.castType(sqlTypeCode);
  }

  @Override
  public void contributeTypes(
      TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
    super.contributeTypes(typeContributions, serviceRegistry);
    typeContributions
        .getTypeConfiguration()
        .getJdbcTypeRegistry()
        .addDescriptor(Types.BLOB, BinaryJdbcType.INSTANCE);
  }
}
