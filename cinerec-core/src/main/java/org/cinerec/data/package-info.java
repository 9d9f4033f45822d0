/**
 * The in-memory dataset: columnar {@link org.cinerec.data.Ratings} over dense indices, the two
 * {@link org.cinerec.data.IdIndex} vocabularies, the movie {@link org.cinerec.data.Catalog}, the
 * {@link org.cinerec.data.Provenance} saying where it all came from, and the optional
 * {@link org.cinerec.data.UserAttributes} (demographics) of the users.
 */
package org.cinerec.data;
