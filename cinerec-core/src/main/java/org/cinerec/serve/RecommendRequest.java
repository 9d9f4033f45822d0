package org.cinerec.serve;

import java.util.Set;
import org.cinerec.CinerecException;

/**
 * A request for recommendations: whom for, how many from where, which movies may appear, and whether to
 * diversify and explain. Checked when built: bad values are {@link CinerecException} bad input naming them.
 *
 * @param subject      whom for ({@link Subject})
 * @param k            how many, 1..{@value #MAX_K}
 * @param offset       how many of the best to skip first (paging), ≥ 0
 * @param filters      which movies may be listed ({@link Filters})
 * @param excludeRated leave out what the subject rated: a training user's training movies (when the model
 *                     keeps them) and given ratings, a scored or anonymous subject's history; and {@code rated}
 * @param rated        further movie ids the subject rated (e.g. from a ratings store), left out when
 *                     {@code excludeRated}; unknown ids are ignored
 * @param dismissed    movie ids the subject said "not interested" to: always left out; unknown ids ignored
 * @param diversity    0..1: 0 is the plain ranking, above it MMR trades relevance for variety
 *                     ({@link ServingModel#recommend})
 * @param explain      give each movie its reasons ("because you rated ...")
 */
public record RecommendRequest(Subject subject, int k, int offset, Filters filters, boolean excludeRated,
    Set<String> rated, Set<String> dismissed, double diversity, boolean explain) {

  /** The largest k a request may ask for. */
  public static final int MAX_K = 1000;
  /** The default k. */
  public static final int DEFAULT_K = 10;

  public RecommendRequest {
    if (subject == null) {
      throw new IllegalArgumentException("subject is null");
    }
    checkPage(k, offset);
    if (!(diversity >= 0 && diversity <= 1)) {
      throw new CinerecException("diversity must be between 0 and 1, got " + diversity);
    }
    filters = filters == null ? Filters.NONE : filters;
    rated = rated == null ? Set.of() : Set.copyOf(rated);
    dismissed = dismissed == null ? Set.of() : Set.copyOf(dismissed);
  }

  /** Throws bad input unless 1 ≤ k ≤ {@value #MAX_K} and offset ≥ 0. */
  static void checkPage(int k, int offset) {
    if (k < 1 || k > MAX_K) {
      throw new CinerecException("k must be between 1 and " + MAX_K + ", got " + k);
    }
    if (offset < 0) {
      throw new CinerecException("offset must be 0 or more, got " + offset);
    }
  }

  /** A builder for this subject: k {@value #DEFAULT_K}, offset 0, no filter, rated movies left out. */
  public static Builder builder(Subject subject) {
    return new Builder(subject);
  }

  /** Builds a {@link RecommendRequest}; every setter returns the builder. */
  public static final class Builder {
    private final Subject subject;
    private int k = DEFAULT_K;
    private int offset;
    private Filters filters = Filters.NONE;
    private boolean excludeRated = true;
    private Set<String> rated = Set.of();
    private Set<String> dismissed = Set.of();
    private double diversity;
    private boolean explain;

    private Builder(Subject subject) {
      this.subject = subject;
    }

    public Builder k(int value) {
      this.k = value;
      return this;
    }

    public Builder offset(int value) {
      this.offset = value;
      return this;
    }

    public Builder filters(Filters value) {
      this.filters = value;
      return this;
    }

    public Builder excludeRated(boolean value) {
      this.excludeRated = value;
      return this;
    }

    public Builder rated(Set<String> ids) {
      this.rated = ids;
      return this;
    }

    public Builder dismissed(Set<String> ids) {
      this.dismissed = ids;
      return this;
    }

    public Builder diversity(double value) {
      this.diversity = value;
      return this;
    }

    public Builder explain(boolean value) {
      this.explain = value;
      return this;
    }

    public RecommendRequest build() {
      return new RecommendRequest(subject, k, offset, filters, excludeRated, rated, dismissed, diversity, explain);
    }
  }
}
