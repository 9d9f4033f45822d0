package org.cinerec.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of this module's test JVM (a cold one costs 4-10 s): local[2] on loopback with no
 * UI and 4 shuffle partitions, as Surefire's system properties set them (cinerec-spark/pom.xml); the
 * defaults here make a run from an IDE behave the same. Never stopped: the JVM's exit ends it.
 */
final class LocalSpark {
  private static SparkSession session;

  private LocalSpark() {}

  static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSession.builder()
          .appName("cinerec-spark tests")
          .master(System.getProperty("spark.master", "local[2]"))
          .config("spark.ui.enabled", System.getProperty("spark.ui.enabled", "false"))
          .config("spark.driver.host", System.getProperty("spark.driver.host", "127.0.0.1"))
          .config("spark.driver.bindAddress", System.getProperty("spark.driver.bindAddress", "127.0.0.1"))
          .config("spark.sql.shuffle.partitions", System.getProperty("spark.sql.shuffle.partitions", "4"))
          .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }
}
