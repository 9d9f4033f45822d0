/**
 * The recommendation service, {@code cinerec serve}: {@link org.cinerec.server.CinerecServer} serves saved
 * models over HTTP (Javalin, Jackson) with the durable ratings store ({@link org.cinerec.server.store}).
 *
 * <ul>
 *   <li>{@code ModelRegistry} / {@code ServedModel}: the loaded, warmed models by name, each behind an atomic
 *   reference (reload and file watch swap them; a request keeps the model it started with).</li>
 *   <li>{@code UserStates} / {@code UserView}: each user's stored ratings and dismissals, and per model
 *   version the scorer built from them (the trained one when nothing is new, else folded in); writes go to
 *   the store first and drop the user's views after the commit.</li>
 *   <li>One class per resource ({@code UserResource}, {@code RecommendResource}, {@code MovieResource},
 *   {@code ModelResource}, {@code HealthResource}) of small static handlers that turn parameters into core
 *   serving-path requests ({@link org.cinerec.serve}) and results into JSON; {@code Query} checks parameters,
 *   {@code Json} bodies, {@code Errors} maps every failure to one JSON error, {@code Access} holds the safety
 *   rules, {@code ServerMetrics} the Prometheus metrics.</li>
 * </ul>
 *
 * <p>docs/serving.md describes the API, the safety rules and why there is one server process per store.
 */
package org.cinerec.server;
