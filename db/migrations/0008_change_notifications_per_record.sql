-- NOTIFY portal_change now says what changed, so each app server drops only the
-- cached pages a change touches (docs/decisions/016-page-cache-per-record.md).
-- The payload is JSON: {"v":2,"names":[...]} where each name is
--   "<entity_type>:<entity_id>" of an audit row (entity_id empty when null),
--   "id:<uuid>" for every UUID in the row's before/after (its meeting, body, ...),
--   "slug:<slug>" for every "slug" in them.
-- Past 7,900 bytes (PostgreSQL's limit is 8,000) the payload is "*": clear everything.
CREATE OR REPLACE FUNCTION "portal_notify_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  names jsonb;
  payload text;
BEGIN
  SELECT jsonb_agg(DISTINCT name) INTO names FROM (
    SELECT r.entity_type || ':' || coalesce(r.entity_id, '') AS name FROM new_rows r
    UNION
    SELECT 'id:' || lower(m[1]) FROM new_rows r,
      regexp_matches(coalesce(r.before::text, '') || ' ' || coalesce(r.after::text, ''),
        '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})', 'g') AS m
    UNION
    SELECT 'slug:' || (s #>> '{}') FROM new_rows r,
      jsonb_path_query(jsonb_build_array(r.before, r.after), 'lax $.**.slug') AS s
      WHERE jsonb_typeof(s) = 'string'
  ) AS touched;
  payload := jsonb_build_object('v', 2, 'names', coalesce(names, '[]'::jsonb))::text;
  IF octet_length(payload) > 7900 THEN
    payload := '*';
  END IF;
  PERFORM pg_notify('portal_change', payload);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP TRIGGER "audit_log_notify_change" ON "audit_log";
--> statement-breakpoint
CREATE TRIGGER "audit_log_notify_change" AFTER INSERT ON "audit_log"
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "portal_notify_change"();
