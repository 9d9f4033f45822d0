package org.cinerec.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.util.Locale;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The seed of every randomized test, from one place (as Lucene's test framework does). A test declares
 * a {@code @Seeds.Seed long seed} parameter and builds all its randomness from it:
 *
 * <pre>{@code
 * @ExtendWith(Seeds.class)
 * class SplitPropertiesTest {
 *   @RepeatedTest(60)
 *   void disjoint(@Seeds.Seed long seed) { Ratings data = Fixtures.randomRatings(seed); ... }
 * }
 * }</pre>
 *
 * <p>Each test invocation's seed is a mix of the run's <em>master seed</em> and the test's identity
 * (class, method, repetition or parameters), so invocations differ from each other and a test gets the
 * same seed whatever else runs. The master seed is fixed by default, so CI is repeatable; {@code
 * -Dcinerec.seed=random} draws a new one (to explore), {@code -Dcinerec.seed=HEX} sets it (to re-run).
 * When a test fails, the seed and the command line that repeats the failure are printed, and added to
 * the failure's message.
 *
 * <p>This class is the one place that may read the clock for randomness (for {@code random}); everywhere
 * else unseeded randomness fails the build (the forbiddenapis ban list in {@code build/}).
 */
public final class Seeds implements ParameterResolver, TestExecutionExceptionHandler {
  /** The master seed when none is given. */
  public static final long DEFAULT_MASTER = 0x5EEDC1AE7ECL;

  /** Marks the {@code long} parameter that receives the invocation's seed. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.PARAMETER)
  public @interface Seed {}

  private static final long MASTER = master(System.getProperty("cinerec.seed"));

  /** The master seed of this run: {@code null} or empty gives the default; {@code random}; or hex digits. */
  static long master(String property) {
    if (property == null || property.isBlank()) {
      return DEFAULT_MASTER;
    }
    String p = property.trim().toLowerCase(Locale.ROOT);
    if (p.equals("random")) {
      return mix(System.nanoTime() ^ ProcessHandle.current().pid() * 0x9E3779B97F4A7C15L);
    }
    try {
      return Long.parseUnsignedLong(p.startsWith("0x") ? p.substring(2) : p, 16);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-Dcinerec.seed=" + property + ": give hex digits (as a failure prints "
          + "them) or 'random'", e);
    }
  }

  /** This run's master seed. */
  public static long master() {
    return MASTER;
  }

  /** The seed of the invocation named {@code id} (class, method and display name) under {@code master}. */
  public static long seedFor(long master, String id) {
    long h = master;
    for (int i = 0; i < id.length(); i++) {
      h = mix(h ^ id.charAt(i));
    }
    return h;
  }

  /** SplitMix64's finaliser: every input bit moves every output bit. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static String id(ExtensionContext context) {
    String method = context.getTestMethod().map(Method::getName).orElse("");
    return context.getRequiredTestClass().getName() + "#" + method + "|" + context.getDisplayName();
  }

  private static long seed(ExtensionContext context) {
    return seedFor(MASTER, id(context));
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.isAnnotated(Seed.class);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type != long.class && type != Long.class) {
      throw new ParameterResolutionException("@Seeds.Seed goes on a long parameter, not " + type.getName());
    }
    return seed(context);
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    Class<?> type = context.getRequiredTestClass();
    String test = type.getName().substring(type.getPackageName().isEmpty() ? 0 : type.getPackageName().length() + 1)
        + context.getTestMethod().map(m -> "#" + m.getName()).orElse("");
    String line = String.format(Locale.ROOT, "seed %016x (master %016x) of %s [%s]; repeat with: mvn test "
        + "-Dtest='%s' -Dcinerec.seed=%x", seed(context), MASTER, test, context.getDisplayName(), test, MASTER);
    System.err.println("FAILED " + line);
    failure.addSuppressed(new SeedInfo(line));
    throw failure;
  }

  /** Carries the seed line in the failure's report. */
  static final class SeedInfo extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SeedInfo(String message) {
      super(message, null, false, false);
    }
  }
}
