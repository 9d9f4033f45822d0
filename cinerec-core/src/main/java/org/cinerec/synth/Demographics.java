package org.cinerec.synth;

import java.util.List;
import org.cinerec.data.UserAttributes;
import org.cinerec.math.Rng;

/**
 * The synthetic users' demographics ({@code age, gender, occupation}), drawn so that they carry the user's
 * taste group ({@link TasteGroups}): who a user is predicts what she likes, better than chance but not
 * exactly, as a feature model needs to show anything.
 *
 * <p>Population: MovieLens 1M's shares (6,040 users): age buckets under 18 3.7 %, 18-24 18.3 %, 25-34
 * 34.7 %, 35-44 19.8 %, 45-49 9.1 %, 50-55 8.2 %, 56+ 6.3 % ({@link #AGE_COUNT}); 28.3 % women; the 21
 * occupations of the ml-1m README with their ml-1m counts ({@link #OCCUPATIONS}, {@link #OCCUPATION_COUNT}).
 *
 * <p>Mechanism. Each group {@code k} gets a home age bucket {@code A_k} (drawn from the population's
 * shares), a home occupation {@code O_k} (the occupations in a seeded random order, group {@code k} taking
 * the {@code k mod 21}-th, so up to 21 groups have different ones) and a share of women
 * {@code f_k = σ(logit(0.283) + 1.5 z_k)}. A member's age bucket is {@code A_k} with probability
 * {@link #HOME_AGE} (0.6), else a population draw; her exact age is uniform in the bucket (under 18: 7..17,
 * 56+: 56..73), written in years; she is a woman with probability {@code f_k}; her occupation is {@code O_k}
 * with probability {@link #HOME_OCCUPATION} (0.5), else a population draw. So a user's (age bucket,
 * occupation) points at her group far more often than the largest group's share (test:
 * {@code DemographicsTest}); the ratings themselves do not depend on these values.
 *
 * <p>Determinism. Everything here comes from its own stream, {@link Rng#forShard}(seed, -5), the groups'
 * draws first (in group order), then each user's in user order: the ratings and the catalogue use other
 * streams, so they are the same with or without demographics.
 */
final class Demographics {
  /** The attribute names, the columns of users.csv after userId. */
  static final List<String> NAMES = List.of("age", "gender", "occupation");
  /** The stream of {@link Rng#forShard} the demographics are drawn from (the generator's others: -2..-4, 0..). */
  static final long SHARD = -5;
  /** Probability that a member's age bucket is the group's home bucket. */
  static final double HOME_AGE = 0.6;
  /** Probability that a member's occupation is the group's home occupation. */
  static final double HOME_OCCUPATION = 0.5;
  /** The ml-1m age buckets, first and last year (the first starts at 7, the last ends at 73). */
  static final int[] AGE_FROM = {7, 18, 25, 35, 45, 50, 56};
  static final int[] AGE_TO = {17, 24, 34, 44, 49, 55, 73};
  /** Users per age bucket in ml-1m. */
  static final double[] AGE_COUNT = {222, 1_103, 2_096, 1_193, 550, 496, 380};
  /** Women in ml-1m: 1,709 of 6,040. */
  static final double WOMEN = 1_709.0 / 6_040;
  /** The ml-1m README's occupations, by code. */
  static final String[] OCCUPATIONS = {"other", "academic/educator", "artist", "clerical/admin",
      "college/grad student", "customer service", "doctor/health care", "executive/managerial", "farmer",
      "homemaker", "K-12 student", "lawyer", "programmer", "retired", "sales/marketing", "scientist",
      "self-employed", "technician/engineer", "tradesman/craftsman", "unemployed", "writer"};
  /** Users per occupation in ml-1m. */
  static final double[] OCCUPATION_COUNT = {711, 528, 267, 173, 759, 112, 236, 679, 17, 92, 195, 129, 388, 142, 302,
      144, 241, 502, 70, 72, 281};

  private Demographics() {}

  /** The age bucket (an index into {@link #AGE_FROM}) of an age in years. */
  static int bucket(int age) {
    int b = 0;
    while (b + 1 < AGE_FROM.length && age >= AGE_FROM[b + 1]) {
      b++;
    }
    return b;
  }

  /** Draws the demographics of users whose taste groups are {@code groupOf} (of {@code groups} groups). */
  static UserAttributes draw(int[] groupOf, int groups, long seed) {
    Rng rng = Rng.forShard(seed, SHARD);
    AliasTable ages = new AliasTable(AGE_COUNT);
    AliasTable occupations = new AliasTable(OCCUPATION_COUNT);
    int[] order = new int[OCCUPATIONS.length];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    for (int k = order.length - 1; k > 0; k--) { // Fisher-Yates on the seeded stream
      int j = rng.nextInt(k + 1);
      int t = order[k];
      order[k] = order[j];
      order[j] = t;
    }
    int[] homeAge = new int[groups];
    int[] homeOccupation = new int[groups];
    double[] women = new double[groups];
    double logit = Math.log(WOMEN / (1 - WOMEN));
    for (int k = 0; k < groups; k++) {
      homeAge[k] = ages.sample(rng);
      homeOccupation[k] = order[k % order.length];
      women[k] = 1 / (1 + Math.exp(-(logit + 1.5 * rng.nextGaussian())));
    }
    String[][] rows = new String[groupOf.length][];
    for (int u = 0; u < groupOf.length; u++) {
      int g = groupOf[u];
      int b = rng.nextDouble() < HOME_AGE ? homeAge[g] : ages.sample(rng);
      int age = AGE_FROM[b] + rng.nextInt(AGE_TO[b] - AGE_FROM[b] + 1);
      String gender = rng.nextDouble() < women[g] ? "F" : "M";
      int occupation = rng.nextDouble() < HOME_OCCUPATION ? homeOccupation[g] : occupations.sample(rng);
      rows[u] = new String[] {Integer.toString(age), gender, OCCUPATIONS[occupation]};
    }
    return UserAttributes.ofRows(NAMES, rows);
  }
}
