-- Every write in the portal appends to the audit log in its own transaction.
-- NOTIFY portal_change tells every app server, at commit, that something may have
-- changed, so each clears its cache of rendered public pages
-- (docs/decisions/006-page-cache.md).
CREATE FUNCTION "portal_notify_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('portal_change', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_notify_change" AFTER INSERT ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "portal_notify_change"();
