package fr.guichet.command.audit;

import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One stored event as an auditor reads it.
 *
 * @param globalIndex position in the whole store (null when read from one aggregate's stream)
 * @param sequence position within its aggregate's stream
 * @param metaData who did it: actor, role, client, request and correlation ids
 */
public record AuditedEvent(
    Long globalIndex,
    String aggregateType,
    String aggregateId,
    Long sequence,
    String type,
    Instant timestamp,
    JsonNode payload,
    Map<String, Object> metaData) {}
