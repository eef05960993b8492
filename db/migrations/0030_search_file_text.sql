-- The text read from uploaded files (migration 0029) in the one search index (0028;
-- docs/decisions/047-one-search-index.md, "How to add a kind"): a row per current file, of its
-- document's kind, whose body is the file's text; seen exactly where the file is (a current
-- file is seen where its document is). Search links a hit to the file at its best page.
CREATE FUNCTION "search_public_file"(file_id uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM document_files f WHERE f.id = file_id AND f.superseded_at IS NULL AND search_public_document(f.document_id))
$$;
--> statement-breakpoint
CREATE FUNCTION "search_refresh_files"(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_entries WHERE kind IN ('document', 'annual_review') AND record_id = ANY(ids);
  -- Everything but the text and the link is the document's own row (refreshed first).
  INSERT INTO search_entries (kind, record_id, public_visible, published, exempt, title, search_title, search_body,
      sort_at, date_precision, body_slug, body_name, link_key, facts)
    SELECT e.kind, f.id, search_public_file(f.id), e.published, e.exempt, e.title, '', left(t.body, 1000000),
      e.sort_at, e.date_precision, e.body_slug, e.body_name, e.link_key,
      jsonb_build_object('fileId', f.id, 'documentId', f.document_id, 'fileName', f.file_name, 'paged', f.media_type = 'application/pdf')
    FROM document_files f
      JOIN search_entries e ON e.record_id = f.document_id AND e.kind IN ('document', 'annual_review') AND e.full_content
      JOIN LATERAL (SELECT string_agg(p.text, E'\n' ORDER BY p.page_number) AS body
        FROM document_text_pages p WHERE p.document_file_id = f.id) t ON t.body IS NOT NULL
    WHERE f.id = ANY(ids) AND f.superseded_at IS NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "search_refresh_documents"(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_entries WHERE kind IN ('document', 'annual_review') AND record_id = ANY(ids);
  -- A document's body: of the earliest meeting it was presented at or attached to.
  INSERT INTO search_entries (kind, record_id, public_visible, published, exempt, title, search_title, search_body,
      sort_at, date_precision, body_slug, body_name, link_key)
    SELECT CASE WHEN d.kind = 'annual_review' THEN 'annual_review' ELSE 'document' END, d.id,
      search_public_document(d.id), d.published_at IS NOT NULL,
      EXISTS (SELECT 1 FROM agenda_item_documents aid JOIN agenda_items i ON i.id = aid.agenda_item_id WHERE aid.document_id = d.id AND i.is_exempt),
      d.title, d.title, concat_ws(' ', d.summary, d.body),
      d.document_date::timestamp AT TIME ZONE 'UTC', d.date_precision, db.slug, db.name, d.slug
    FROM documents d
      LEFT JOIN LATERAL (SELECT x.slug, x.name FROM (
          SELECT m.starts_at, b.slug, b.name FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id JOIN bodies b ON b.id = m.body_id
            WHERE i.id = d.presented_at_item_id
          UNION ALL
          SELECT m.starts_at, b.slug, b.name FROM agenda_item_documents aid JOIN agenda_items i ON i.id = aid.agenda_item_id
            JOIN meetings m ON m.id = i.meeting_id JOIN bodies b ON b.id = m.body_id WHERE aid.document_id = d.id
        ) x ORDER BY x.starts_at LIMIT 1) db ON true
    WHERE d.id = ANY(ids);
  -- The text read from its current files (0029), a row per file, as the document is now.
  PERFORM search_refresh_files(ARRAY(SELECT id FROM document_files WHERE document_id = ANY(ids)));
END $$;
--> statement-breakpoint
CREATE FUNCTION "search_entries_file_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_refresh_files(ARRAY[CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END]);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "search_entries_on_document_file" AFTER INSERT OR DELETE OR UPDATE OF "document_id", "superseded_at", "file_name", "media_type" ON "document_files"
  FOR EACH ROW EXECUTE FUNCTION "search_entries_file_trigger"();
--> statement-breakpoint
-- Pages are written all at once per file: once per statement, not once per page.
CREATE FUNCTION "search_entries_pages_added"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_refresh_files(ARRAY(SELECT DISTINCT document_file_id FROM added_pages));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "search_entries_pages_removed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_refresh_files(ARRAY(SELECT DISTINCT document_file_id FROM removed_pages));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "search_entries_on_pages_added" AFTER INSERT ON "document_text_pages"
  REFERENCING NEW TABLE AS added_pages FOR EACH STATEMENT EXECUTE FUNCTION "search_entries_pages_added"();
--> statement-breakpoint
CREATE TRIGGER "search_entries_on_pages_removed" AFTER DELETE ON "document_text_pages"
  REFERENCING OLD TABLE AS removed_pages FOR EACH STATEMENT EXECUTE FUNCTION "search_entries_pages_removed"();
--> statement-breakpoint
SELECT search_refresh_files(ARRAY(SELECT id FROM document_files));
