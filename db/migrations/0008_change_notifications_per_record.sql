-- NOTIFY portal_change now says what changed, so each app server drops only the
-- cached pages a change touches (docs/decisions/016-page-cache-per-record.md).
-- The payload is JSON: {"v":2,"names":[...]} where each name is
--   "<entity_type>:<entity_id>" of an audit row (entity_id empty when null),
--   "id:<uuid>" for every UUID in the row's before/after (its meeting, body, ...),
--   "slug:<slug>" for every "slug" in them,
-- and, looked up, the slug of a changed meeting, document, priority or inspection
-- and an agenda item's meeting (id and slug): list-like pages link those by slug.
-- Past 7,900 bytes (PostgreSQL's limit is 8,000) the payload is "*": clear everything.
CREATE FUNCTION "portal_uuid_or_null"(value text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN value ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN value::uuid END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "portal_notify_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  names jsonb;
  payload text;
BEGIN
  -- A failure here must never fail the write: it becomes "clear everything".
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
    UNION
    SELECT 'slug:' || linked.slug FROM new_rows r
      JOIN LATERAL (
        SELECT m.slug FROM meetings m WHERE r.entity_type = 'meeting' AND m.id = portal_uuid_or_null(r.entity_id)
        UNION ALL SELECT d.slug FROM documents d WHERE r.entity_type = 'document' AND d.id = portal_uuid_or_null(r.entity_id)
        UNION ALL SELECT p.slug FROM priorities p WHERE r.entity_type = 'priority' AND p.id = portal_uuid_or_null(r.entity_id)
        UNION ALL SELECT i.slug FROM inspections i WHERE r.entity_type = 'inspection' AND i.id = portal_uuid_or_null(r.entity_id)
        UNION ALL SELECT m.slug FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id
          WHERE r.entity_type = 'agenda_item' AND a.id = portal_uuid_or_null(r.entity_id)
      ) AS linked ON true
    UNION
    SELECT 'id:' || a.meeting_id::text FROM new_rows r
      JOIN agenda_items a ON r.entity_type = 'agenda_item' AND a.id = portal_uuid_or_null(r.entity_id)
  ) AS touched;
  payload := jsonb_build_object('v', 2, 'names', coalesce(names, '[]'::jsonb))::text;
  EXCEPTION WHEN others THEN
    payload := '*';
  END;
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
