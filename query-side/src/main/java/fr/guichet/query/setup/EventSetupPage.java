package fr.guichet.query.setup;

import java.util.List;

/** One page of event configurations (without their plans). */
public record EventSetupPage(List<EventSetup> items, int page, int size, long total) {}
