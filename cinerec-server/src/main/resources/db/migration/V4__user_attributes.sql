-- What a user created through the service told about themselves (demographics such as age, gender,
-- occupation), one row per attribute: a model trained with --user-features folds the user in with them, and
-- `cinerec train --data STORE` trains on them beside the seed data's. Users of the seed data keep the data's.
CREATE TABLE user_attributes (
  user_id    VARCHAR(200) NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  attr_name  VARCHAR(64)  NOT NULL,   -- as the model names it, e.g. 'age'
  attr_value VARCHAR(200) NOT NULL,   -- as the user gave it, e.g. '34'
  PRIMARY KEY (user_id, attr_name)
);
