package fr.guichet.api.event;

import java.util.Set;

/**
 * One place of a seating plan after expansion: a seat ({@code ORCH-B-12}) or a standing spot
 * ({@code FOSSE-17}).
 *
 * @param row the row label for a seat, null for a standing spot
 * @param number the seat number in its row, or the spot number in its zone
 * @param rowIndex position of the row within its section (0 = front), for drawing and ranking
 */
public record PlaceDefinition(
    String id,
    PlaceKind kind,
    String area,
    String row,
    int rowIndex,
    int number,
    String category,
    Set<SeatAttribute> attributes) {}
