package org.cinerec.serve;

import java.util.List;

/**
 * A viewer's home screen ({@link HomeScreen}); its Jackson form is the body of the API's
 * {@code GET /api/v1/users/{userId}/home}.
 *
 * @param model           the serving model's name
 * @param kind            its family
 * @param modelVersion    its version
 * @param userId          the viewer's id (the history's label)
 * @param personal        false when the viewer's scorer is the model's non-personal fallback
 * @param highRating      the lowest rating that counts as high on the model's scale ({@link HomeScreen#highRating})
 * @param favouriteGenres the viewer's favourite genres ({@link HomeScreen#favouriteGenres}), most first
 * @param rows            the rows in page order, empty ones left out
 */
public record Home(String model, String kind, String modelVersion, String userId, boolean personal,
    double highRating, List<String> favouriteGenres, List<HomeRow> rows) {
  public Home {
    favouriteGenres = List.copyOf(favouriteGenres);
    rows = List.copyOf(rows);
  }
}
