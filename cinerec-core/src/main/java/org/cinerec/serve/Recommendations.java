package org.cinerec.serve;

import java.util.List;

/**
 * The answer to a {@link RecommendRequest}; its Jackson form is the JSON of {@code recommend --json} and of the
 * API.
 *
 * @param model             the serving model's name
 * @param kind              its family ("mf", "multitask", ...)
 * @param modelVersion      its version
 * @param user              the user's id (or a scored subject's label), null for an anonymous history
 * @param personal          false when the list is the model's non-personal fallback
 * @param k                 as asked
 * @param offset            as asked
 * @param diversity         as asked (0: the plain ranking)
 * @param candidates        how many movies passed the filters and exclusions
 * @param excludedRated     how many rated movies were left out
 * @param excludedDismissed how many dismissed movies were left out
 * @param notes             what a person should know (a fallback, ids left out of a history), possibly empty
 * @param recommendations   the movies, best first
 */
public record Recommendations(String model, String kind, String modelVersion, String user, boolean personal, int k,
    int offset, double diversity, int candidates, int excludedRated, int excludedDismissed, List<String> notes,
    List<RankedMovie> recommendations) {
  public Recommendations {
    notes = List.copyOf(notes);
    recommendations = List.copyOf(recommendations);
  }

  /** The same answer with these notes instead. */
  public Recommendations withNotes(List<String> notes) {
    return new Recommendations(model, kind, modelVersion, user, personal, k, offset, diversity, candidates, excludedRated,
        excludedDismissed, notes, recommendations);
  }
}
