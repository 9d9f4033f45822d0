package org.cinerec.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One predicted rating; its Jackson form is the JSON of {@code predict --json} and of the API.
 *
 * @param model                   the serving model's name
 * @param kind                    its family
 * @param modelVersion            its version
 * @param user                    the user's id (or label), null for an anonymous history
 * @param movie                   the movie
 * @param score                   the model's raw answer (a ranking score for models that only rank)
 * @param predictedRating         the rating on the data's scale, clipped to it; null for models that only rank
 * @param spread                  for models whose prediction is a posterior mean (bpmf, {@link
 *                                org.cinerec.model.PredictionSpread}): its posterior standard deviation; null
 *                                (and absent from the JSON) for the others
 * @param personal                false when the answer falls back (a cold user or movie)
 * @param userHasTrainingRatings  whether the answer knows the user (a training user with ratings, or a
 *                                personal folded-in history)
 * @param movieHasTrainingRatings whether the model learned anything about the movie
 * @param fallback                what the answer falls back to, in words, or null
 * @param notes                   what a person should know, possibly empty
 */
public record Prediction(String model, String kind, String modelVersion, String user, MovieRef movie, float score,
    Float predictedRating, @JsonInclude(JsonInclude.Include.NON_NULL) Float spread, boolean personal, boolean userHasTrainingRatings, boolean movieHasTrainingRatings,
    String fallback, List<String> notes) {
  public Prediction {
    notes = List.copyOf(notes);
  }

  /** The same answer with these notes instead. */
  public Prediction withNotes(List<String> notes) {
    return new Prediction(model, kind, modelVersion, user, movie, score, predictedRating, spread, personal,
        userHasTrainingRatings, movieHasTrainingRatings, fallback, notes);
  }
}
