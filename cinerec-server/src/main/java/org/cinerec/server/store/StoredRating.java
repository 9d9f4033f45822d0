package org.cinerec.server.store;

/**
 * One rating as stored: ids in their canonical form ({@link org.cinerec.data.IdIndex#key(String)}), the
 * rating on the data's scale, when it was given (Unix seconds) and where it came from.
 */
public record StoredRating(String userId, String movieId, float rating, long ratedAt, Origin origin) {

  /** Where a row came from: seeded from the dataset, or written through the service. */
  public enum Origin {
    DATASET("dataset"),
    API("api");

    private final String id;

    Origin(String id) {
      this.id = id;
    }

    /** The value stored in the {@code origin} columns. */
    public String id() {
      return id;
    }

    static Origin of(String id) {
      return id.equals("api") ? API : DATASET;
    }
  }
}
