package fr.guichet.pricing;

/** The rate a buyer asks for one ticket. */
public enum Rate {
  FULL,
  STUDENT,
  SUBSCRIBER,
  GROUP
}
