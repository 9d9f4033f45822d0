-- The ratings store: one row per (user, movie), the latest rating wins. Portable SQL for SQLite and
-- PostgreSQL. Ids are stored in their canonical form (IdIndex.key: leading zeros of all-digit ids dropped).
CREATE TABLE store_meta (
  meta_key   VARCHAR(64) PRIMARY KEY,
  meta_value VARCHAR(4000) NOT NULL
);

CREATE TABLE users (
  user_id    VARCHAR(200) PRIMARY KEY,
  origin     VARCHAR(16)  NOT NULL,   -- 'dataset' (seeded, read-only when served off loopback) or 'api'
  key_hash   VARCHAR(128),            -- sha-256 of the user's secret key (api users), hex
  created_at BIGINT       NOT NULL    -- Unix milliseconds
);

CREATE TABLE ratings (
  user_id  VARCHAR(200) NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  movie_id VARCHAR(200) NOT NULL,
  rating   REAL         NOT NULL,
  rated_at BIGINT       NOT NULL,     -- Unix seconds, as in the datasets
  origin   VARCHAR(16)  NOT NULL,     -- 'dataset' (seeded) or 'api' (written through the service)
  PRIMARY KEY (user_id, movie_id)
);
CREATE INDEX ratings_movie ON ratings (movie_id);

CREATE TABLE dismissals (
  user_id      VARCHAR(200) NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  movie_id     VARCHAR(200) NOT NULL,
  dismissed_at BIGINT       NOT NULL, -- Unix milliseconds
  PRIMARY KEY (user_id, movie_id)
);
