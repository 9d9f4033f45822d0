package org.cinerec.data;

import java.util.Objects;

/**
 * Everything a recommender needs from the data: the ratings over dense indices, the user and item
 * vocabularies, the movie catalog (one entry per item index) and the provenance. Immutable.
 *
 * <p>The item vocabulary covers every movie of the catalog, rated or not (so top-K ranks the whole
 * catalogue, as TFRS's FactorizedTopK does), plus every rated movie missing from the metadata.
 *
 * <p>{@link #scale()} is the scale the ratings are on (see {@link RatingScale}): fixed by the format,
 * given by the user, or read off the data.
 *
 * <p>{@link #userAttributes()} are the users' demographics when the data came with a users file
 * ({@link UserAttributes#none(int)} otherwise), over the same user index.
 */
public record Dataset(Ratings ratings, IdIndex users, IdIndex items, Catalog catalog, Provenance provenance,
    RatingScale scale, UserAttributes userAttributes) {

  /** A dataset without user attributes. */
  public Dataset(Ratings ratings, IdIndex users, IdIndex items, Catalog catalog, Provenance provenance,
      RatingScale scale) {
    this(ratings, users, items, catalog, provenance, scale, UserAttributes.none(users == null ? 0 : users.size()));
  }

  /** A dataset without user attributes whose scale is read off its ratings ({@link RatingScale#infer(Ratings)}). */
  public Dataset(Ratings ratings, IdIndex users, IdIndex items, Catalog catalog, Provenance provenance) {
    this(ratings, users, items, catalog, provenance, RatingScale.infer(ratings));
  }

  public Dataset {
    Objects.requireNonNull(ratings, "ratings");
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(scale, "scale");
    Objects.requireNonNull(userAttributes, "userAttributes");
    if (ratings.numUsers() != users.size()) {
      throw new IllegalArgumentException("ratings have " + ratings.numUsers() + " users but the index has " + users.size());
    }
    if (ratings.numItems() != items.size()) {
      throw new IllegalArgumentException("ratings have " + ratings.numItems() + " items but the index has " + items.size());
    }
    if (catalog.size() != items.size()) {
      throw new IllegalArgumentException("catalog has " + catalog.size() + " entries but the item index has " + items.size());
    }
    if (userAttributes.numUsers() != users.size()) {
      throw new IllegalArgumentException("user attributes are over " + userAttributes.numUsers()
          + " users but the user index has " + users.size());
    }
  }

  /** The same vocabularies, catalog, scale and user attributes over other ratings (a split's part). */
  public Dataset withRatings(Ratings other) {
    return new Dataset(other, users, items, catalog, provenance, scale, userAttributes);
  }

  /** The same data on another scale. */
  public Dataset withScale(RatingScale other) {
    return new Dataset(ratings, users, items, catalog, provenance, other, userAttributes);
  }

  /** The same data with other user attributes (over the same user index). */
  public Dataset withUserAttributes(UserAttributes other) {
    return new Dataset(ratings, users, items, catalog, provenance, scale, other);
  }

  public int numUsers() {
    return users.size();
  }

  public int numItems() {
    return items.size();
  }

  @Override
  public String toString() {
    return "Dataset[" + ratings.size() + " ratings, " + users.size() + " users, " + items.size() + " items, "
        + provenance.format() + "]";
  }
}
