/**
 * Getting data in and out: readers for each supported format with auto-detection, the compact binary
 * dataset file, downloads with checksums, and atomic file writing (temp file + rename).
 */
package org.cinerec.io;
