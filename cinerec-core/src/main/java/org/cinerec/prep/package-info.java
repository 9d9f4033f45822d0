/**
 * Preparation: turning raw rows into a clean {@link org.cinerec.data.Dataset} and saying what was done.
 * {@link org.cinerec.prep.PrepReport} collects rows read, kept, dropped and changed by stable reason ids
 * with the first few examples ("ratings.csv:1042: rating \"5.5\" is outside the scale 0.5..5");
 * {@link org.cinerec.prep.DatasetAssembler} maps external ids to dense indices, joins ratings to the
 * catalogue, resolves duplicates (the latest rating wins), applies the metadata policy and attaches a users
 * file ({@link org.cinerec.prep.UserTable}) as the users' attributes;
 * {@link org.cinerec.prep.ReportFormat} prints the report as text or JSON.
 */
package org.cinerec.prep;
