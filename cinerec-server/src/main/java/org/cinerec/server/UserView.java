package org.cinerec.server;

import java.util.List;
import org.cinerec.model.History;
import org.cinerec.model.UserScorer;

/**
 * One user as one model sees them at one moment: the scorer to rank with, the history it came from, and
 * what to leave out. Immutable; cached per (user, model version) until that user's next write.
 *
 * @param userId         the user's id (canonical)
 * @param scorer         the trained scorer ({@code model.scorer(u)}) for a training user with no new ratings,
 *                       else the model folded in from the stored history, else the non-personal fallback
 * @param state          "trained", "folded" or "fallback": which of those it is
 * @param history        the stored ratings the model knows, in its item indices
 * @param rated          item indices of every movie the user rated (left out by default)
 * @param dismissed      item indices of the movies the user dismissed ("not interested")
 * @param unknownMovies  ids of rated movies the model does not know, nor the movies added since it was trained
 *                       (not in the history)
 * @param addedRated     ids of rated movies added to the catalogue after the model was trained (not in the
 *                       history: the model learns from them once retrained; left out of lists by id)
 * @param addedDismissed ids of dismissed movies added after the model was trained (left out by id)
 * @param note           a sentence for the client when the answer is not what it may expect, or null
 */
record UserView(String userId, UserScorer scorer, String state, History history, int[] rated, int[] dismissed,
    List<String> unknownMovies, List<String> addedRated, List<String> addedDismissed, String note) {

  /** True when the scores are personal (trained or folded in from ratings). */
  boolean personal() {
    return scorer.personal();
  }
}
