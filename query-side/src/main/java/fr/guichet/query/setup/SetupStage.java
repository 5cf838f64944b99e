package fr.guichet.query.setup;

/**
 * Where an event stands for the staff: the sales lifecycle, with drafts split into those still
 * being prepared and those the manager submitted to the programming director.
 */
public enum SetupStage {
  DRAFT,
  AWAITING_APPROVAL,
  APPROVED,
  ON_SALE,
  PAUSED,
  CLOSED
}
