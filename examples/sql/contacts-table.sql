-- The service's own contact table, kept from the library's events: a row per ContactAdded, gone on
-- ContactDeleted; account_id from ContactAdded and ContactMoved (`team:<teamId>` or `personal:<userId>`);
-- archived from ContactArchived and ContactUnarchived.
-- COLLATE "C" orders names and ids by their bytes; use your locale's collation to sort names for people.
CREATE TABLE contacts (
  id         text COLLATE "C" PRIMARY KEY,
  account_id text NOT NULL,
  archived   boolean NOT NULL DEFAULT false,
  name       text COLLATE "C" NOT NULL
);
CREATE INDEX contacts_by_name ON contacts (name, id);
CREATE INDEX contacts_by_account ON contacts (account_id, name, id);
