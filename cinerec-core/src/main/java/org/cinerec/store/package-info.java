/**
 * The one model file format as a container: magic, format version, a kind string, a JSON header, named
 * typed sections and a sha256 trailer; written to a temporary file and renamed, so a crash never leaves
 * half a model. It imports nothing from {@code org.cinerec.model}: what a model puts in the sections, and
 * which family reads a kind back, is {@code org.cinerec.model.ModelFiles}'s.
 */
package org.cinerec.store;
