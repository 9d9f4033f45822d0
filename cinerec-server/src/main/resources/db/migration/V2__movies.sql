-- Movies added to the catalogue through the service after the models were trained (POST /api/v1/movies):
-- listed, searched and rated at once, ranked by models with movie features, and part of the catalogue the
-- next training from the store sees (StoreDataset). Ids in their canonical form (IdIndex.key), as elsewhere.
CREATE TABLE movies (
  movie_id     VARCHAR(200)  PRIMARY KEY,
  title        VARCHAR(500)  NOT NULL,
  release_year INTEGER,                -- NULL when unknown
  genres       VARCHAR(2000) NOT NULL, -- '|'-separated as MovieLens writes them; '' for none
  added_at     BIGINT        NOT NULL  -- Unix milliseconds
);
