package fr.guichet.command.persistence;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import org.axonframework.common.IdentifierFactory;

/**
 * Axon's message identifiers as UUIDs of version 7 (RFC 9562: the creation time in milliseconds,
 * then random bits), so that they sort by creation time, instead of Axon's random version-4 UUIDs.
 * Every stored event's identifier is a key of the event table's unique index on {@code
 * event_identifier}: a random key lands on a random page of that index, which the database must
 * read (or find in its cache) to check uniqueness and then write back, while a time-ordered key
 * lands on the index's last pages, which every insert of the moment shares. Uniqueness is unchanged
 * (random bits after the time, counted up within one millisecond). Axon finds this class through
 * {@code META-INF/services/org.axonframework.common.IdentifierFactory}.
 */
public final class TimeOrderedIdentifierFactory extends IdentifierFactory {

  private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

  @Override
  public String generateIdentifier() {
    return GENERATOR.generate().toString();
  }
}
