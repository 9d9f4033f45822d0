/**
 * The ratings store: every rating, user and dismissal the service keeps, in a real database through JDBC —
 * an embedded SQLite file by default (WAL, {@code synchronous=FULL}), PostgreSQL by URL
 * ({@code synchronous_commit=on}, a HikariCP pool). The schema is versioned and migrated by Flyway
 * ({@code db/migration}); SQL only through prepared statements. A write returns once it is durable.
 */
package org.cinerec.server.store;
