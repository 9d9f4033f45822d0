package org.cinerec.serve;

/**
 * A movie found by id or title.
 *
 * @param item the model's item index
 * @param note what a person should know about the match (other titles that contained the query), or null
 */
public record MovieMatch(int item, String note) {}
