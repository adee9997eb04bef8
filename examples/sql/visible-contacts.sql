-- One page of the contacts a user may act on, sorted by name, then id.
-- $1 text[]  accounts  (visibilityFilter(...).accounts)
-- $2 text[]  except    (.except)
-- $3 text[]  contacts  (.contacts)
-- $4 boolean archived  (.archived: null for both)
-- $5 text    the last name of the page before (null for the first page)
-- $6 text    the last id of the page before (null for the first page)
-- $7 integer the page length
SELECT id, name
FROM contacts
WHERE ((account_id = ANY($1::text[]) AND NOT (id = ANY($2::text[])))
       OR id = ANY($3::text[]))
  AND ($4::boolean IS NULL OR archived = $4::boolean)
  AND ($5::text IS NULL OR (name, id) > ($5::text, $6::text))
ORDER BY name, id
LIMIT $7::integer;
