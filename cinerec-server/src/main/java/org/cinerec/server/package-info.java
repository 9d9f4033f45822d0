/**
 * The recommendation service, {@code cinerec serve}: {@link org.cinerec.server.CinerecServer} serves saved
 * models over HTTP (Javalin, Jackson) with the durable ratings store ({@link org.cinerec.server.store}).
 *
 * <ul>
 *   <li>{@code ModelRegistry} / {@code ServedModel}: the loaded, warmed models by name, each behind an atomic
 *   reference (reload and file watch swap them; a request keeps the model it started with).</li>
 *   <li>{@code UserStates} / {@code UserView}: each user's stored ratings and dismissals, and per model
 *   version the scorer built from them (the trained one when nothing is new, else folded in); writes go to
 *   the store first and drop the user's views after the commit. A held user's ratings are columns
 *   ({@code HeldRatings}), not an object a rating, so users coming and going leave little for the GC.</li>
 *   <li>One class per resource ({@code UserResource}, {@code RecommendResource}, {@code MovieResource},
 *   {@code ModelResource}, {@code HealthResource}, {@code CatalogueResource}: movies added after training,
 *   and for the web page {@code PageResource}: the home
 *   screen and a movie's page, {@code DatasetResource}: the data's summary) of small handlers that turn
 *   parameters into core serving-path requests ({@link org.cinerec.serve}) and results into JSON;
 *   {@code Query} checks parameters, {@code Json} bodies, {@code Errors} maps every failure to one JSON error,
 *   {@code Access} holds the safety rules, {@code ServerMetrics} the Prometheus metrics.</li>
 *   <li>The web page: {@code WebPage} serves its files from the classpath folder {@code web/} (index.html at
 *   the page's URLs, the rest under /assets/) with the page's Content-Security-Policy; {@code Posters} the
 *   local posters of {@code --posters DIR}; {@code Tiles} gives every movie tile its {@code poster}.</li>
 * </ul>
 *
 * <p>docs/serving.md describes the API, the safety rules and why there is one server process per store.
 */
package org.cinerec.server;
