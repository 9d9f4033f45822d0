-- A store at schema version 3 with data in it, written as that version's schema has it: StoreMigrationTest
-- migrates it to the newest version and reads every row back through JdbcRatingStore. One statement a line.
INSERT INTO store_meta (meta_key, meta_value) VALUES ('dataset_fingerprint', '00c0ffee00c0ffee');
INSERT INTO movies (movie_id, title, release_year, genres, added_at, original_language, runtime_minutes, overview) VALUES ('9002', 'Salt Harbour', 2025, 'Drama', 1800000000000, 'fr', 104, 'Two sisters keep a lighthouse at Ærø. <b>Text</b> & more');
INSERT INTO movies (movie_id, title, release_year, genres, added_at, original_language, runtime_minutes, overview) VALUES ('9003', 'No Details', NULL, '', 1800000000001, NULL, NULL, NULL);
