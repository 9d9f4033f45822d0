-- A store at schema version 2 with data in it, written as that version's schema has it: StoreMigrationTest
-- migrates it to the newest version and reads every row back through JdbcRatingStore. One statement a line.
INSERT INTO store_meta (meta_key, meta_value) VALUES ('dataset_fingerprint', '00c0ffee00c0ffee');
INSERT INTO users (user_id, origin, key_hash, created_at) VALUES ('v-Zoë', 'api', 'a3f1c2', 1700000001000);
INSERT INTO movies (movie_id, title, release_year, genres, added_at) VALUES ('9001', 'Tide of Glass', 2026, 'Drama|Sci-Fi', 1800000000000);
INSERT INTO movies (movie_id, title, release_year, genres, added_at) VALUES ('new-ß', 'Ünknown Year', NULL, '', 1800000000001);
INSERT INTO ratings (user_id, movie_id, rating, rated_at, origin) VALUES ('v-Zoë', '9001', 4.5, 1800000002, 'api');
