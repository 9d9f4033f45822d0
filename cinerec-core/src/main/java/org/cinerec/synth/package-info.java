/**
 * A deterministic synthetic MovieLens: ratings with MovieLens's shape (long-tailed movie popularity and
 * user activity, every user with at least 20 ratings, half-star scale with 4 the most common rating,
 * increasing timestamps per user) drawn from a latent-factor taste model with user and movie biases,
 * a catalogue of made-up titles, years and genres whose genres are tied to the taste factors, and users'
 * demographics (age, gender, occupation) that carry their taste group. The
 * demo's default data and the scale benchmark's input ({@code cinerec generate --preset 25m}).
 */
package org.cinerec.synth;
