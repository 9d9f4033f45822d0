-- A store at schema version 4 with data in it, written as that version's schema has it: StoreMigrationTest
-- migrates it to the newest version and reads every row back through JdbcRatingStore. One statement a line.
INSERT INTO users (user_id, origin, key_hash, created_at) VALUES ('v-Ana', 'api', 'b4e2d1', 1800000000000);
INSERT INTO user_attributes (user_id, attr_name, attr_value) VALUES ('v-Ana', 'age', '34');
INSERT INTO user_attributes (user_id, attr_name, attr_value) VALUES ('v-Ana', 'occupation', 'doctor/health care');
