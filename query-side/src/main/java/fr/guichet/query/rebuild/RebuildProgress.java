package fr.guichet.query.rebuild;

import java.time.Instant;

/**
 * Where a view's rebuild stands.
 *
 * @param state {@code REPLAYING} (reading the history), {@code CAUGHT_UP} (has read it all and
 *     follows the live processor: it may be compared and switched to), {@code SWITCHING}, {@code
 *     SWITCHED}, {@code DISCARDED} or {@code FAILED} (see {@code error})
 * @param generation the generation being rebuilt
 * @param liveGeneration the generation the view serves
 * @param eventsReplayed events read from the history so far
 * @param eventsApplied those of them the view handles, applied to the rebuilt generation
 * @param position the position in the history of the last event read (null before the first)
 * @param livePosition the position of the live processor (null when it is not running here)
 * @param headPosition the position of the newest event stored
 * @param waitingForLive whether the rebuild waits for the live processor to apply the events it has
 *     read (it never applies one before the live view has)
 * @param differences how many documents differed from the live view when the rebuild caught up
 *     (null before; {@code GET .../comparison} compares again now)
 */
public record RebuildProgress(
    String view,
    String state,
    int generation,
    int liveGeneration,
    long eventsReplayed,
    long eventsApplied,
    Long position,
    Long livePosition,
    Long headPosition,
    boolean waitingForLive,
    Long differences,
    Instant startedAt,
    Instant caughtUpAt,
    Instant endedAt,
    String error) {}
