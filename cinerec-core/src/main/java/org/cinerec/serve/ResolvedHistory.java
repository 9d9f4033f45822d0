package org.cinerec.serve;

import java.util.List;
import org.cinerec.model.History;

/**
 * A history of (movie id, rating) pairs in a model's item indices.
 *
 * @param history    the ratings of the movies the model knows
 * @param unknownIds the ids the model does not know, left out, in the order given
 */
public record ResolvedHistory(History history, List<String> unknownIds) {
  public ResolvedHistory {
    unknownIds = List.copyOf(unknownIds);
  }
}
