package fr.guichet.command.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The event store's tables as Hibernate creates them on H2 from Axon's JPA entities. */
final class HibernateEventTables {

  private HibernateEventTables() {}

  static void create(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("create sequence domain_event_entry_seq start with 1 increment by 1");
      s.execute(
          "create table domain_event_entry (global_index bigint not null, event_identifier"
              + " varchar(255) not null unique, meta_data blob, payload blob not null,"
              + " payload_revision varchar(255), payload_type varchar(255) not null, time_stamp"
              + " varchar(255) not null, aggregate_identifier varchar(255) not null,"
              + " sequence_number bigint not null, type varchar(255), primary key (global_index),"
              + " unique (aggregate_identifier, sequence_number))");
      s.execute(
          "create table snapshot_event_entry (aggregate_identifier varchar(255) not null,"
              + " sequence_number bigint not null, type varchar(255) not null, event_identifier"
              + " varchar(255) not null unique, meta_data blob, payload blob not null,"
              + " payload_revision varchar(255), payload_type varchar(255) not null, time_stamp"
              + " varchar(255) not null, primary key (aggregate_identifier, sequence_number,"
              + " type))");
    }
  }
}
