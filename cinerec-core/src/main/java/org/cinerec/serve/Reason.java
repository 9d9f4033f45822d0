package org.cinerec.serve;

/**
 * Why a movie was recommended: one rated movie that resembles it (see {@link ServingModel#recommend} for how
 * the contributing movies are chosen).
 *
 * @param movieId    the rated movie's id
 * @param title      its title
 * @param rating     the subject's rating of it, or null when unknown (a training user: the model file keeps
 *                   which movies they rated, not the ratings)
 * @param similarity the model's similarity between the rated movie and the recommended one
 * @param text       for people: "because you rated Alien (1979) 5★"
 */
public record Reason(String movieId, String title, Float rating, float similarity, String text) {
  /** How every {@link #text} starts. */
  public static final String PREFIX = "because you rated ";
}
