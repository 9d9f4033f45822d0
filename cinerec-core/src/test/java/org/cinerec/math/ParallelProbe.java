package org.cinerec.math;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelFamily;
import org.cinerec.synth.Preset;
import org.cinerec.synth.SyntheticData;

/**
 * A main class that {@link ParallelTest} runs in child JVMs, so the pool's size is still unset:
 * {@code size [N]} configures N (when given), prints the size, what a {@code threads} setting of 0 resolves
 * to, how many pool threads ran 16 sleeping chunks and what configuring another size says; {@code train}
 * trains every registered family at its defaults (so {@code threads} = 0) and prints, after each, the
 * cinerec threads alive and any other thread started in the probe's thread group since it began.
 */
public final class ParallelProbe {
  private ParallelProbe() {}

  public static void main(String[] args) {
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    try {
      if (args[0].equals("size")) {
        size(args);
      } else {
        train(before);
      }
    } catch (CinerecException e) {
      System.out.println("error=" + e.getMessage());
    }
  }

  private static void size(String[] args) {
    if (args.length > 1) {
      Parallel.configure(Integer.parseInt(args[1]));
    }
    System.out.println("threads=" + Parallel.threads());
    System.out.println("threads0=" + Parallel.threads(0));
    Set<String> ran = ConcurrentHashMap.newKeySet();
    Parallel.forEachChunk(16, 16, (c, from, to) -> {
      ran.add(Thread.currentThread().getName());
      try {
        Thread.sleep(30);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    System.out.println("ran=" + ran.size());
    System.out.println("tasks=" + Parallel.tasksSubmitted());
    Parallel.configure(Parallel.threads());
    try {
      Parallel.configure(Parallel.threads() + 1);
      System.out.println("reconfigure=allowed");
    } catch (CinerecException e) {
      System.out.println("reconfigure=" + e.getMessage());
    }
  }

  private static void train(Set<Thread> before) {
    Dataset data = SyntheticData.generate(Preset.TINY.resized("probe", 60, 120, 1_500), 7, Progress.NONE);
    ThreadGroup main = Thread.currentThread().getThreadGroup();
    for (ModelFamily f : ModelFamilies.all()) {
      Map<String, String> p = new HashMap<>();
      if (f.kind().equals("multitask")) {
        p.put("epochs", "2");
      }
      f.trainer(f.params().parse(p)).fit(data);
      int workers = 0;
      int gang = 0;
      Set<String> others = new TreeSet<>();
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().startsWith("cinerec-worker-")) {
          workers++;
        } else if (t.getName().startsWith("cinerec-gang-")) {
          gang++;
        } else if (!before.contains(t) && t.getThreadGroup() == main) {
          others.add(t.getName());
        }
      }
      System.out.println(f.kind() + "=workers " + workers + ", gang " + gang + ", others " + others);
    }
  }
}
