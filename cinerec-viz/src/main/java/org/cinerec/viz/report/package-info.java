/**
 * The report: one self-contained HTML file (inline CSS, pictures as base64 PNG, no external assets)
 * with the dataset summary, the preparation report, the pictures and, when models are given, their
 * leaderboard and pictures. Written atomically.
 */
package org.cinerec.viz.report;
