package org.cinerec.bench.load;

/**
 * The request mix: the request for each scheduled slot. It must be a pure function of the slot number (and
 * the source's own seed), so that every run sends the same requests in the same order whichever connection
 * carries them; it is called from many connection threads at once.
 */
@FunctionalInterface
public interface RequestSource {
  /** The request (chain) for slot {@code seq}, counted from 0 at the start of the warm-up. */
  Request request(long seq);
}
