package org.cinerec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client thread writing ratings to a running server until the server dies: it creates users
 * ({@code POST /api/v1/users}), rates new movies for them, overwrites its earlier ratings with other values,
 * and overwrites seeded ratings of the dataset users it owns (every {@code writers}-th from its {@code id}),
 * one request at a time, as a same-origin page does ({@code Content-Type: application/json}, {@code Origin}
 * the server's own). Every write is entered in the {@link WriteLedger} before it is sent and after its answer. A write
 * that gets no answer because the server was killed ends this writer's cycle; one refused (429, or 503 while the
 * store's database is down) is not acknowledged, and the writer goes on after a tenth of a second.
 */
final class RatingWriter implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The rating scale's values (MovieLens: 0.5 to 5 in halves). */
  private static final float[] VALUES = {0.5f, 1f, 1.5f, 2f, 2.5f, 3f, 3.5f, 4f, 4.5f, 5f};

  /** What a cycle shares between the writers and the killer. */
  static final class Cycle {
    final String url;
    final AtomicInteger inFlight = new AtomicInteger();
    /** Pairs whose write was sent before the kill and never answered. */
    final Set<WriteLedger.Pair> unanswered = ConcurrentHashMap.newKeySet();
    final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile long killedAt = Long.MAX_VALUE;
    /** Counted down by each writer at its first answer: the server is warm once all have one. */
    final java.util.concurrent.CountDownLatch warm;

    Cycle(String url, int writers) {
      this.url = url;
      this.warm = new java.util.concurrent.CountDownLatch(writers);
    }

    boolean killed() {
      return killedAt != Long.MAX_VALUE;
    }
  }

  private final int id;
  private final int movies;
  private final List<String> datasetUsers;
  private final WriteLedger ledger;
  private final SplittableRandom random;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final List<WriteLedger.Pair> mine = new ArrayList<>();
  private String user;
  private List<String> unrated = new ArrayList<>();
  private Cycle cycle;

  /** Counts over all cycles. */
  long sent;
  long acknowledged;
  long refused;
  long unansweredAtKill;
  long usersCreated;

  RatingWriter(int id, int writers, int movies, List<String> datasetUsers, WriteLedger ledger, long seed) {
    this.id = id;
    this.movies = movies;
    this.datasetUsers = new ArrayList<>();
    for (int i = id; i < datasetUsers.size(); i += writers) {
      this.datasetUsers.add(datasetUsers.get(i)); // each dataset user belongs to one writer
    }
    this.ledger = ledger;
    this.random = new SplittableRandom(seed);
  }

  /** Writes to the server of {@code c} on the calling thread until it dies. */
  void cycle(Cycle c) {
    this.cycle = c;
    run();
  }

  @Override
  public void run() {
    boolean first = true;
    try {
      while (!cycle.killed()) {
        if (user == null || unrated.isEmpty()) {
          if (!createUser()) {
            return;
          }
          continue;
        }
        double r = random.nextDouble();
        WriteLedger.Pair p;
        if (r < 0.7 || mine.isEmpty()) {
          p = new WriteLedger.Pair(user, unrated.remove(unrated.size() - 1));
          mine.add(p);
        } else if (r < 0.85) {
          p = mine.get(random.nextInt(mine.size()));
        } else if (!datasetUsers.isEmpty()) {
          String u = datasetUsers.get(random.nextInt(datasetUsers.size()));
          p = new WriteLedger.Pair(u, Integer.toString(1 + random.nextInt(movies)));
        } else {
          continue;
        }
        if (!rate(p)) {
          return;
        }
        if (first) {
          first = false;
          cycle.warm.countDown();
        }
      }
    } catch (RuntimeException e) {
      cycle.failures.add("writer " + id + ": " + e);
    } finally {
      if (first) {
        cycle.warm.countDown();
      }
    }
  }

  /** Creates a user; false when the server did not answer. */
  private boolean createUser() {
    long start = System.nanoTime();
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(cycle.url + "/api/v1/users"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")), start);
    if (r == null) {
      ledger.userUnanswered();
      return false;
    }
    if (r.statusCode() == 429 || r.statusCode() == 503) {
      ledger.userUnanswered(); // the store may have committed it before failing (its database died)
      refused++;
      pause();
      return true;
    }
    if (r.statusCode() != 201) {
      return unexpected("POST /api/v1/users", r);
    }
    try {
      user = JSON.readTree(r.body()).path("userId").asText();
    } catch (IOException e) {
      cycle.failures.add("writer " + id + ": POST /api/v1/users answered " + r.body());
      return false;
    }
    ledger.userAcknowledged(user);
    usersCreated++;
    unrated = new ArrayList<>();
    for (int m = 1; m <= movies; m++) {
      unrated.add(Integer.toString(m));
    }
    for (int i = unrated.size() - 1; i > 0; i--) {
      java.util.Collections.swap(unrated, i, random.nextInt(i + 1));
    }
    return true;
  }

  /** Writes a value other than the last one sent to {@code p}; false when the server did not answer. */
  private boolean rate(WriteLedger.Pair p) {
    WriteLedger.State s = ledger.state(p);
    float v;
    do {
      v = VALUES[random.nextInt(VALUES.length)];
    } while (s.lastSent != null && s.lastSent == v);
    ledger.sending(p, v);
    long start = System.nanoTime();
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(cycle.url + "/api/v1/users/" + p.user()
        + "/ratings/" + p.movie())).PUT(HttpRequest.BodyPublishers.ofString("{\"rating\": " + v + "}")), start);
    sent++;
    if (r == null) {
      if (start < cycle.killedAt) {
        cycle.unanswered.add(p);
        unansweredAtKill++;
      }
      return false;
    }
    if (r.statusCode() == 200) {
      ledger.acknowledged(p, v);
      acknowledged++;
      return true;
    }
    if (r.statusCode() == 429 || r.statusCode() == 503) {
      refused++; // not acknowledged: the value stays among those that may be stored
      pause();
      return true;
    }
    return unexpected("PUT " + p, r);
  }

  /** After a refusal (the store is down or busy): a tenth of a second before the next write. */
  private static void pause() {
    java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
  }

  private boolean unexpected(String what, HttpResponse<String> r) {
    cycle.failures.add("writer " + id + ": " + what + " answered " + r.statusCode() + ": " + r.body());
    return false;
  }

  /** Sends; null when no answer came (the server died), a failure when that happened before the kill. */
  private HttpResponse<String> send(HttpRequest.Builder b, long start) {
    HttpRequest q = b.header("Content-Type", "application/json").header("Origin", cycle.url)
        .timeout(Duration.ofSeconds(30)).build();
    cycle.inFlight.incrementAndGet();
    try {
      return http.send(q, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      if (!cycle.killed()) {
        cycle.failures.add("writer " + id + ": " + q.method() + " " + q.uri().getPath() + " failed before the "
            + "kill: " + e);
      }
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } finally {
      cycle.inFlight.decrementAndGet();
    }
  }
}
