/**
 * Training plumbing shared by all models: progress and per-epoch callbacks, optimizers, mini-batching.
 */
package org.cinerec.train;
