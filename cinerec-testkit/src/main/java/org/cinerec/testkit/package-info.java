/**
 * Helpers for the tests of every module: where the real datasets are ({@link org.cinerec.testkit.SharedData}),
 * and the rule that a test needing them is skipped locally but fails in CI when they are missing.
 */
package org.cinerec.testkit;
