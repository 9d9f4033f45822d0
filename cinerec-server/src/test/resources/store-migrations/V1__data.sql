-- A store at schema version 1 with data in it, written as that version's schema has it: StoreMigrationTest
-- migrates it to the newest version and reads every row back through JdbcRatingStore. One statement a line.
INSERT INTO store_meta (meta_key, meta_value) VALUES ('dataset_fingerprint', '00c0ffee00c0ffee');
INSERT INTO store_meta (meta_key, meta_value) VALUES ('dataset_source', 'ml-latest-small');
INSERT INTO store_meta (meta_key, meta_value) VALUES ('seeded_ratings', '3');
INSERT INTO users (user_id, origin, key_hash, created_at) VALUES ('1', 'dataset', NULL, 1700000000000);
INSERT INTO users (user_id, origin, key_hash, created_at) VALUES ('v-Zoë', 'api', 'a3f1c2', 1700000001000);
INSERT INTO ratings (user_id, movie_id, rating, rated_at, origin) VALUES ('1', '1', 4.0, 964982703, 'dataset');
INSERT INTO ratings (user_id, movie_id, rating, rated_at, origin) VALUES ('1', '50', 5.0, 964982931, 'dataset');
INSERT INTO ratings (user_id, movie_id, rating, rated_at, origin) VALUES ('1', '318', 3.5, 1700000002, 'api');
INSERT INTO ratings (user_id, movie_id, rating, rated_at, origin) VALUES ('v-Zoë', '2571', 0.5, 1700000003, 'api');
INSERT INTO dismissals (user_id, movie_id, dismissed_at) VALUES ('v-Zoë', '1', 1700000004000);
