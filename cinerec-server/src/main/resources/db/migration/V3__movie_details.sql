-- The details a movie added through the service may carry (as Kaggle's movies_metadata.csv gives them for the
-- catalogue, org.cinerec.data.Catalog.Details): models trained with --item-features language,runtime,overview
-- place the movie by them too. Each NULL when unknown; the rows added before this version have none.
ALTER TABLE movies ADD COLUMN original_language VARCHAR(16);   -- as written, e.g. 'en'
ALTER TABLE movies ADD COLUMN runtime_minutes   INTEGER;       -- whole minutes, at least 1
ALTER TABLE movies ADD COLUMN overview          VARCHAR(4000); -- the plot summary, plain text
