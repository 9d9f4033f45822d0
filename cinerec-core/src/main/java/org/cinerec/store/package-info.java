/**
 * The one model file format: magic, format version, model kind, provenance JSON, named typed tensors and
 * a sha256 trailer; written to a temporary file and renamed, so a crash never leaves half a model.
 */
package org.cinerec.store;
