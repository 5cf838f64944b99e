package fr.guichet.query.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** Every document of one generation of a view, by collection base name, for comparisons. */
public final class Generations {

  private Generations() {}

  public static Map<String, List<Document>> of(
      EmbeddedMongo mongo, List<String> collections, int generation) {
    Map<String, List<Document>> documents = new LinkedHashMap<>();
    for (String base : collections) {
      documents.put(base, mongo.all(ViewGenerations.collection(base, generation)));
    }
    return documents;
  }
}
