package org.cinerec.testkit;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one test method, such as a Jazzer fuzz test in fuzzing mode ({@code JAZZER_FUZZ=1}), on the JUnit Platform
 * without Maven, so {@code scripts/fuzz.sh} starts one JVM per target instead of one Maven build per target.
 * Exit status 0 when the method ran and passed, 1 when it failed (a finding) or matched nothing, 2 on a usage
 * error. Run it in the module's folder, as surefire does: Jazzer keeps its corpus under {@code .cifuzz-corpus/}
 * there and saves a finding under {@code src/test/resources/}.
 *
 * <pre>
 *   java -cp TEST_CLASSPATH org.cinerec.testkit.FuzzLauncher org.cinerec.fuzz.ReaderFuzzTest#movieLensCsv
 * </pre>
 */
public final class FuzzLauncher {
  private FuzzLauncher() {}

  public static void main(String[] args) {
    if (args.length != 1 || !args[0].contains("#")) {
      System.err.println("usage: FuzzLauncher CLASS#METHOD");
      System.exit(2);
    }
    String cls = args[0].substring(0, args[0].indexOf('#'));
    String name = args[0].substring(args[0].indexOf('#') + 1);
    List<DiscoverySelector> methods = new ArrayList<>();
    try {
      for (Method m : Class.forName(cls).getDeclaredMethods()) {
        if (m.getName().equals(name)) {
          methods.add(DiscoverySelectors.selectMethod(m.getDeclaringClass(), m));
        }
      }
    } catch (ClassNotFoundException e) {
      System.err.println("FuzzLauncher: no class " + cls + " on the class path");
      System.exit(2);
    }
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(methods).build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(request, listener);
    TestExecutionSummary s = listener.getSummary();
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    s.printFailuresTo(out, 40);
    out.printf(java.util.Locale.ROOT, "%s: %d tests, %d passed, %d failed, %d skipped%n", args[0],
        s.getTestsFoundCount(), s.getTestsSucceededCount(), s.getTotalFailureCount(), s.getTestsSkippedCount());
    System.exit(s.getTotalFailureCount() == 0 && s.getTestsSucceededCount() > 0 ? 0 : 1);
  }
}
