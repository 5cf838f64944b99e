package fr.guichet.api.pricing;

/** One DRL rule file of a published rule set version. */
public record RuleFileContent(String name, String content) {}
