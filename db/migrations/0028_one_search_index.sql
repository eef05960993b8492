CREATE TABLE "search_entries" (
	"kind" text NOT NULL,
	"record_id" uuid NOT NULL,
	"full_content" boolean DEFAULT true NOT NULL,
	"public_visible" boolean NOT NULL,
	"published" boolean NOT NULL,
	"exempt" boolean DEFAULT false NOT NULL,
	"title" text NOT NULL,
	"search_title" text DEFAULT '' NOT NULL,
	"search_body" text DEFAULT '' NOT NULL,
	"sort_at" timestamp with time zone,
	"date_precision" text,
	"body_slug" text,
	"body_name" text,
	"link_key" text NOT NULL,
	"item_id" uuid,
	"question_id" uuid,
	"facts" jsonb,
	"title_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, "search_title"), 'A')) STORED,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, "search_title"), 'A') || setweight(to_tsvector('english'::regconfig, "search_body"), 'B')) STORED,
	CONSTRAINT "search_entries_kind_record_id_full_content_pk" PRIMARY KEY("kind","record_id","full_content")
);
--> statement-breakpoint
CREATE INDEX "search_entries_record_idx" ON "search_entries" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "search_entries_recent_idx" ON "search_entries" USING btree ("sort_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "search_entries_kind_recent_idx" ON "search_entries" USING btree ("kind","sort_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "search_entries_body_recent_idx" ON "search_entries" USING btree ("body_slug","sort_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "search_entries_title_idx" ON "search_entries" USING gin ("title_vector");--> statement-breakpoint
-- One search index (docs/decisions/047-one-search-index.md). Each kind has one refresh function
-- that recomputes its rows from the records (deleting those whose record is gone); the trigger
-- on every table a row is made from works out which records a change touches and refreshes
-- them in the same transaction. Whether the public sees a row is the rules of
-- app/rules/visibility.server.ts for the public viewer, written once more here as
-- search_public_*; tests/integration/search-index.test.ts fails if the two disagree.
CREATE FUNCTION "search_public_item_content"(item_id uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id
    WHERE i.id = item_id AND i.published_at IS NOT NULL AND m.agenda_published_at IS NOT NULL AND NOT i.is_exempt)
$$;
--> statement-breakpoint
CREATE FUNCTION "search_public_minute"(minute_id uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM minutes mi JOIN agenda_items i ON i.id = mi.agenda_item_id JOIN meetings m ON m.id = i.meeting_id
    WHERE mi.id = minute_id AND m.minutes_published_at IS NOT NULL AND m.agenda_published_at IS NOT NULL
      AND i.published_at IS NOT NULL AND NOT i.is_exempt)
$$;
--> statement-breakpoint
CREATE FUNCTION "search_public_question"(question_id uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM questions q JOIN agenda_items i ON i.id = q.agenda_item_id JOIN meetings m ON m.id = i.meeting_id
    WHERE q.id = question_id AND q.accepted_at IS NOT NULL AND q.rejected_at IS NULL
      AND i.published_at IS NOT NULL AND m.agenda_published_at IS NOT NULL AND NOT i.is_exempt)
$$;
--> statement-breakpoint
CREATE FUNCTION "search_public_document_on_seen_items"(document_id uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM documents d WHERE d.id = document_id AND d.published_at IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM agenda_item_documents aid JOIN agenda_items i ON i.id = aid.agenda_item_id
      JOIN meetings m ON m.id = i.meeting_id
      WHERE aid.document_id = d.id
        AND NOT (i.published_at IS NOT NULL AND m.agenda_published_at IS NOT NULL AND NOT i.is_exempt)))
$$;
--> statement-breakpoint
CREATE FUNCTION "search_public_recommendation"(recommendation_id uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM recommendations r WHERE r.id = recommendation_id
    AND (r.source = 'inspection' OR (
      (r.agreed_at_minute_id IS NULL OR search_public_minute(r.agreed_at_minute_id))
      AND (r.agreed_in_document_id IS NULL OR search_public_document_on_seen_items(r.agreed_in_document_id)))))
$$;
--> statement-breakpoint
CREATE FUNCTION "search_public_action"(action_id uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM actions a WHERE a.id = action_id
    AND (a.question_id IS NOT NULL OR a.minute_id IS NOT NULL OR a.recommendation_id IS NOT NULL)
    AND (a.question_id IS NULL OR search_public_question(a.question_id))
    AND (a.minute_id IS NULL OR search_public_minute(a.minute_id))
    AND (a.recommendation_id IS NULL OR search_public_recommendation(a.recommendation_id)))
$$;
--> statement-breakpoint
CREATE FUNCTION "search_public_document"(document_id uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT search_public_document_on_seen_items(document_id)
    AND NOT EXISTS (SELECT 1 FROM actions a WHERE a.closure_evidence_document_id = document_id AND NOT search_public_action(a.id))
$$;
--> statement-breakpoint
CREATE FUNCTION "search_refresh_agenda_items"(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_entries WHERE kind = 'agenda_item' AND record_id = ANY(ids);
  -- An exempt item has two rows: its content, and its public title (for those who may not read it).
  INSERT INTO search_entries (kind, record_id, full_content, public_visible, published, exempt, title, search_title, search_body,
      sort_at, date_precision, body_slug, body_name, link_key, item_id)
    SELECT 'agenda_item', i.id, f.whole, CASE WHEN f.whole THEN p.pub AND NOT i.is_exempt ELSE p.pub END, p.pub, i.is_exempt,
      CASE WHEN f.whole THEN i.title ELSE coalesce(i.public_title, 'Exempt item') END,
      CASE WHEN f.whole THEN i.title ELSE coalesce(i.public_title, '') END,
      CASE WHEN f.whole THEN concat_ws(' ', i.purpose, i.body) ELSE '' END,
      m.starts_at, m.date_precision, b.slug, b.name, i.id::text, i.id
    FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id JOIN bodies b ON b.id = m.body_id
      CROSS JOIN LATERAL (VALUES (true), (false)) f(whole)
      CROSS JOIN LATERAL (SELECT i.published_at IS NOT NULL AND m.agenda_published_at IS NOT NULL) p(pub)
    WHERE i.id = ANY(ids) AND (f.whole OR i.is_exempt);
END $$;
--> statement-breakpoint
CREATE FUNCTION "search_refresh_minutes"(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_entries WHERE kind = 'minute' AND record_id = ANY(ids);
  INSERT INTO search_entries (kind, record_id, public_visible, published, exempt, title, search_title, search_body,
      sort_at, date_precision, body_slug, body_name, link_key, item_id)
    SELECT 'minute', mi.id, p.pub AND NOT i.is_exempt, p.pub, i.is_exempt, i.title, '', concat_ws(' ', mi.body, mi.decisions),
      m.starts_at, m.date_precision, b.slug, b.name, i.id::text, i.id
    FROM minutes mi JOIN agenda_items i ON i.id = mi.agenda_item_id JOIN meetings m ON m.id = i.meeting_id JOIN bodies b ON b.id = m.body_id
      CROSS JOIN LATERAL (SELECT i.published_at IS NOT NULL AND m.agenda_published_at IS NOT NULL AND m.minutes_published_at IS NOT NULL) p(pub)
    WHERE mi.id = ANY(ids);
END $$;
--> statement-breakpoint
CREATE FUNCTION "search_refresh_decisions"(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_entries WHERE kind = 'decision' AND record_id = ANY(ids);
  INSERT INTO search_entries (kind, record_id, public_visible, published, exempt, title, search_title, search_body,
      sort_at, date_precision, body_slug, body_name, link_key, item_id, facts)
    SELECT 'decision', d.id, p.pub AND NOT i.is_exempt, p.pub, i.is_exempt, i.title, d.text, coalesce(d.reasons, ''),
      m.starts_at, m.date_precision, b.slug, b.name, d.id::text, i.id,
      jsonb_build_object('callInUntil', d.call_in_until, 'calledInOn', d.called_in_on, 'implementedOn', d.implemented_on)
    FROM decisions d JOIN agenda_items i ON i.id = d.agenda_item_id JOIN meetings m ON m.id = i.meeting_id JOIN bodies b ON b.id = m.body_id
      CROSS JOIN LATERAL (SELECT i.published_at IS NOT NULL AND m.agenda_published_at IS NOT NULL AND m.minutes_published_at IS NOT NULL) p(pub)
    WHERE d.id = ANY(ids);
END $$;
--> statement-breakpoint
CREATE FUNCTION "search_refresh_documents"(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
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
END $$;
--> statement-breakpoint
CREATE FUNCTION "search_refresh_questions"(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_entries WHERE kind = 'question' AND record_id = ANY(ids);
  INSERT INTO search_entries (kind, record_id, public_visible, published, exempt, title, search_title, search_body,
      sort_at, date_precision, body_slug, body_name, link_key, item_id, question_id)
    SELECT 'question', q.id, p.pub AND NOT i.is_exempt, p.pub, i.is_exempt, q.text, q.text, '',
      q.tabled_on::timestamp AT TIME ZONE 'UTC', q.tabled_on_precision, b.slug, b.name, q.id::text, i.id, q.id
    FROM questions q JOIN agenda_items i ON i.id = q.agenda_item_id JOIN meetings m ON m.id = i.meeting_id JOIN bodies b ON b.id = m.body_id
      CROSS JOIN LATERAL (SELECT q.accepted_at IS NOT NULL AND q.rejected_at IS NULL AND i.published_at IS NOT NULL AND m.agenda_published_at IS NOT NULL) p(pub)
    WHERE q.id = ANY(ids);
END $$;
--> statement-breakpoint
CREATE FUNCTION "search_refresh_responses"(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_entries WHERE kind = 'response' AND record_id = ANY(ids);
  INSERT INTO search_entries (kind, record_id, public_visible, published, exempt, title, search_title, search_body,
      sort_at, date_precision, body_slug, body_name, link_key, item_id, question_id)
    SELECT 'response', r.id, p.pub AND NOT i.is_exempt, p.pub, i.is_exempt, q.text, '', r.body,
      r.responded_at, r.responded_at_precision, b.slug, b.name, q.id::text, i.id, q.id
    FROM responses r JOIN questions q ON q.id = r.question_id JOIN agenda_items i ON i.id = q.agenda_item_id
      JOIN meetings m ON m.id = i.meeting_id JOIN bodies b ON b.id = m.body_id
      CROSS JOIN LATERAL (SELECT q.accepted_at IS NOT NULL AND q.rejected_at IS NULL AND i.published_at IS NOT NULL AND m.agenda_published_at IS NOT NULL) p(pub)
    WHERE r.id = ANY(ids);
END $$;
--> statement-breakpoint
CREATE FUNCTION "search_refresh_actions"(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_entries WHERE kind = 'action' AND record_id = ANY(ids);
  INSERT INTO search_entries (kind, record_id, public_visible, published, exempt, title, search_title, search_body,
      sort_at, date_precision, body_slug, body_name, link_key, item_id, question_id, facts)
    SELECT 'action', a.id, v.seen, v.seen, coalesce(i.is_exempt, false),
      coalesce(a.reference || ': ', '') || a.description, coalesce(a.reference, ''), concat_ws(' ', a.description, a.closure_evidence),
      a.due_on::timestamp AT TIME ZONE 'UTC', 'exact', b.slug, b.name, a.id::text, i.id, a.question_id,
      jsonb_build_object('dueOn', a.due_on, 'startedAt', a.started_at, 'completedAt', a.completed_at, 'cancelledAt', a.cancelled_at)
    FROM actions a LEFT JOIN questions q ON q.id = a.question_id LEFT JOIN minutes mi ON mi.id = a.minute_id
      LEFT JOIN agenda_items i ON i.id = coalesce(q.agenda_item_id, mi.agenda_item_id)
      LEFT JOIN meetings m ON m.id = i.meeting_id LEFT JOIN bodies b ON b.id = m.body_id
      CROSS JOIN LATERAL (SELECT search_public_action(a.id)) v(seen)
    WHERE a.id = ANY(ids);
END $$;
--> statement-breakpoint
CREATE FUNCTION "search_refresh_recommendations"(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_entries WHERE kind = 'recommendation' AND record_id = ANY(ids);
  INSERT INTO search_entries (kind, record_id, public_visible, published, title, search_title, search_body,
      sort_at, date_precision, body_slug, body_name, link_key, facts)
    SELECT 'recommendation', r.id, v.seen, v.seen,
      coalesce(ins.title, b.name) || ': ' || r.reference, r.reference,
      concat_ws(' ', r.text, r.met_finding, r.closure_evidence, r.judgement, rr.reasons, rr.action_planned),
      coalesce(r.agreed_on, ins.published_on, ins.visit_end_on, ins.visit_start_on)::timestamp AT TIME ZONE 'UTC',
      coalesce(ins.date_precision, 'exact'), b.slug, b.name,
      CASE WHEN r.source = 'board' THEN 'recommendations/' || r.id::text ELSE 'inspections/' || ins.slug || '#recommendation-' || r.reference END,
      jsonb_build_object('metByInspectionId', r.met_by_inspection_id, 'closedAt', r.closed_at)
    FROM recommendations r LEFT JOIN inspections ins ON ins.id = r.inspection_id LEFT JOIN bodies b ON b.id = r.body_id
      LEFT JOIN recommendation_responses rr ON rr.recommendation_id = r.id
      CROSS JOIN LATERAL (SELECT search_public_recommendation(r.id)) v(seen)
    WHERE r.id = ANY(ids);
END $$;
--> statement-breakpoint
CREATE FUNCTION "search_refresh_topics"(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_entries WHERE kind = 'topic' AND record_id = ANY(ids);
  INSERT INTO search_entries (kind, record_id, public_visible, published, title, search_title, search_body,
      body_slug, body_name, link_key)
    SELECT 'topic', t.id, t.decision <> 'proposed', t.decision <> 'proposed', t.title, t.title, coalesce(t.description, ''),
      b.slug, b.name, t.id::text
    FROM work_programme_topics t JOIN bodies b ON b.id = t.body_id
    WHERE t.id = ANY(ids);
END $$;
--> statement-breakpoint
-- The records a change touches, followed down what they decide: an item's minutes, decisions,
-- questions and documents; a document's board recommendations; a minute's recommendations and
-- actions; a question's responses and actions; a recommendation's actions; an action's
-- closure evidence document. Then every kind is refreshed for its ids.
CREATE FUNCTION "search_entries_refresh"(items uuid[], minute_ids uuid[], decision_ids uuid[], document_ids uuid[],
    question_ids uuid[], response_ids uuid[], action_ids uuid[], recommendation_ids uuid[], topic_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  items := coalesce(items, '{}');
  minute_ids := coalesce(minute_ids, '{}') || ARRAY(SELECT id FROM minutes WHERE agenda_item_id = ANY(items));
  decision_ids := coalesce(decision_ids, '{}') || ARRAY(SELECT id FROM decisions WHERE agenda_item_id = ANY(items));
  question_ids := coalesce(question_ids, '{}') || ARRAY(SELECT id FROM questions WHERE agenda_item_id = ANY(items));
  document_ids := coalesce(document_ids, '{}')
    || ARRAY(SELECT document_id FROM agenda_item_documents WHERE agenda_item_id = ANY(items))
    || ARRAY(SELECT id FROM documents WHERE presented_at_item_id = ANY(items));
  recommendation_ids := coalesce(recommendation_ids, '{}')
    || ARRAY(SELECT id FROM recommendations WHERE agreed_in_document_id = ANY(document_ids))
    || ARRAY(SELECT id FROM recommendations WHERE agreed_at_minute_id = ANY(minute_ids));
  response_ids := coalesce(response_ids, '{}') || ARRAY(SELECT id FROM responses WHERE question_id = ANY(question_ids));
  action_ids := coalesce(action_ids, '{}')
    || ARRAY(SELECT id FROM actions WHERE question_id = ANY(question_ids))
    || ARRAY(SELECT id FROM actions WHERE minute_id = ANY(minute_ids))
    || ARRAY(SELECT id FROM actions WHERE recommendation_id = ANY(recommendation_ids));
  document_ids := document_ids
    || ARRAY(SELECT closure_evidence_document_id FROM actions WHERE id = ANY(action_ids) AND closure_evidence_document_id IS NOT NULL);
  IF cardinality(items) > 0 THEN PERFORM search_refresh_agenda_items(items); END IF;
  IF cardinality(minute_ids) > 0 THEN PERFORM search_refresh_minutes(minute_ids); END IF;
  IF cardinality(decision_ids) > 0 THEN PERFORM search_refresh_decisions(decision_ids); END IF;
  IF cardinality(document_ids) > 0 THEN PERFORM search_refresh_documents(document_ids); END IF;
  IF cardinality(question_ids) > 0 THEN PERFORM search_refresh_questions(question_ids); END IF;
  IF cardinality(response_ids) > 0 THEN PERFORM search_refresh_responses(response_ids); END IF;
  IF cardinality(action_ids) > 0 THEN PERFORM search_refresh_actions(action_ids); END IF;
  IF cardinality(recommendation_ids) > 0 THEN PERFORM search_refresh_recommendations(recommendation_ids); END IF;
  IF cardinality(topic_ids) > 0 THEN PERFORM search_refresh_topics(topic_ids); END IF;
END $$;
--> statement-breakpoint
-- Every row, from the records (the migration's backfill; the synthetic archive after its bulk load).
CREATE FUNCTION "search_entries_refresh_all"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE search_entries;
  PERFORM search_refresh_agenda_items(ARRAY(SELECT id FROM agenda_items));
  PERFORM search_refresh_minutes(ARRAY(SELECT id FROM minutes));
  PERFORM search_refresh_decisions(ARRAY(SELECT id FROM decisions));
  PERFORM search_refresh_documents(ARRAY(SELECT id FROM documents));
  PERFORM search_refresh_questions(ARRAY(SELECT id FROM questions));
  PERFORM search_refresh_responses(ARRAY(SELECT id FROM responses));
  PERFORM search_refresh_actions(ARRAY(SELECT id FROM actions));
  PERFORM search_refresh_recommendations(ARRAY(SELECT id FROM recommendations));
  PERFORM search_refresh_topics(ARRAY(SELECT id FROM work_programme_topics));
END $$;
--> statement-breakpoint
CREATE FUNCTION "search_entries_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
  CASE TG_TABLE_NAME
    WHEN 'meetings' THEN
      PERFORM search_entries_refresh(ARRAY(SELECT id FROM agenda_items WHERE meeting_id = r.id), null, null, null, null, null, null, null, null);
    WHEN 'bodies' THEN
      PERFORM search_entries_refresh(ARRAY(SELECT i.id FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id WHERE m.body_id = r.id),
        null, null, null, null, null, null,
        ARRAY(SELECT id FROM recommendations WHERE body_id = r.id), ARRAY(SELECT id FROM work_programme_topics WHERE body_id = r.id));
    WHEN 'agenda_items' THEN
      PERFORM search_entries_refresh(ARRAY[r.id], null, null, null, null, null, null, null, null);
    WHEN 'minutes' THEN
      PERFORM search_entries_refresh(null, ARRAY[r.id], null, null, null, null, null, null, null);
    WHEN 'decisions' THEN
      PERFORM search_entries_refresh(null, null, ARRAY[r.id], null, null, null, null, null, null);
    WHEN 'documents' THEN
      PERFORM search_entries_refresh(null, null, null, ARRAY[r.id], null, null, null, null, null);
    WHEN 'agenda_item_documents' THEN
      PERFORM search_entries_refresh(null, null, null,
        CASE WHEN TG_OP = 'UPDATE' THEN ARRAY[OLD.document_id, NEW.document_id] ELSE ARRAY[r.document_id] END, null, null, null, null, null);
    WHEN 'questions' THEN
      PERFORM search_entries_refresh(null, null, null, null, ARRAY[r.id], null, null, null, null);
    WHEN 'responses' THEN
      PERFORM search_entries_refresh(null, null, null, null, null, ARRAY[r.id], null, null, null);
    WHEN 'actions' THEN
      -- The document it cited as evidence before the change is refreshed too.
      PERFORM search_entries_refresh(null, null, null,
        CASE WHEN TG_OP = 'UPDATE' AND OLD.closure_evidence_document_id IS NOT NULL THEN ARRAY[OLD.closure_evidence_document_id] ELSE '{}'::uuid[] END,
        null, null, ARRAY[r.id], null, null);
    WHEN 'recommendations' THEN
      PERFORM search_entries_refresh(null, null, null, null, null, null, null, ARRAY[r.id], null);
    WHEN 'recommendation_responses' THEN
      PERFORM search_entries_refresh(null, null, null, null, null, null, null, ARRAY[r.recommendation_id], null);
    WHEN 'inspections' THEN
      PERFORM search_entries_refresh(null, null, null, null, null, null, null, ARRAY(SELECT id FROM recommendations WHERE inspection_id = r.id), null);
    WHEN 'work_programme_topics' THEN
      PERFORM search_entries_refresh(null, null, null, null, null, null, null, null, ARRAY[r.id]);
  END CASE;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "search_entries_on_meeting" AFTER UPDATE OF "agenda_published_at", "minutes_published_at", "starts_at", "date_precision", "body_id" ON "meetings"
  FOR EACH ROW EXECUTE FUNCTION "search_entries_trigger"();
--> statement-breakpoint
CREATE TRIGGER "search_entries_on_body" AFTER UPDATE OF "slug", "name" ON "bodies"
  FOR EACH ROW EXECUTE FUNCTION "search_entries_trigger"();
--> statement-breakpoint
CREATE TRIGGER "search_entries_on_agenda_item" AFTER INSERT OR DELETE OR UPDATE OF "meeting_id", "title", "purpose", "body", "is_exempt", "public_title", "published_at" ON "agenda_items"
  FOR EACH ROW EXECUTE FUNCTION "search_entries_trigger"();
--> statement-breakpoint
CREATE TRIGGER "search_entries_on_minute" AFTER INSERT OR DELETE OR UPDATE OF "agenda_item_id", "body", "decisions" ON "minutes"
  FOR EACH ROW EXECUTE FUNCTION "search_entries_trigger"();
--> statement-breakpoint
CREATE TRIGGER "search_entries_on_decision" AFTER INSERT OR DELETE OR UPDATE ON "decisions"
  FOR EACH ROW EXECUTE FUNCTION "search_entries_trigger"();
--> statement-breakpoint
CREATE TRIGGER "search_entries_on_document" AFTER INSERT OR DELETE OR UPDATE OF "kind", "title", "summary", "body", "document_date", "date_precision", "published_at", "slug", "presented_at_item_id" ON "documents"
  FOR EACH ROW EXECUTE FUNCTION "search_entries_trigger"();
--> statement-breakpoint
CREATE TRIGGER "search_entries_on_item_document" AFTER INSERT OR DELETE OR UPDATE ON "agenda_item_documents"
  FOR EACH ROW EXECUTE FUNCTION "search_entries_trigger"();
--> statement-breakpoint
CREATE TRIGGER "search_entries_on_question" AFTER INSERT OR DELETE OR UPDATE OF "agenda_item_id", "text", "tabled_on", "tabled_on_precision", "accepted_at", "rejected_at" ON "questions"
  FOR EACH ROW EXECUTE FUNCTION "search_entries_trigger"();
--> statement-breakpoint
CREATE TRIGGER "search_entries_on_response" AFTER INSERT OR DELETE OR UPDATE OF "question_id", "body", "responded_at", "responded_at_precision" ON "responses"
  FOR EACH ROW EXECUTE FUNCTION "search_entries_trigger"();
--> statement-breakpoint
CREATE TRIGGER "search_entries_on_action" AFTER INSERT OR DELETE OR UPDATE ON "actions"
  FOR EACH ROW EXECUTE FUNCTION "search_entries_trigger"();
--> statement-breakpoint
CREATE TRIGGER "search_entries_on_recommendation" AFTER INSERT OR DELETE OR UPDATE ON "recommendations"
  FOR EACH ROW EXECUTE FUNCTION "search_entries_trigger"();
--> statement-breakpoint
CREATE TRIGGER "search_entries_on_recommendation_response" AFTER INSERT OR DELETE OR UPDATE ON "recommendation_responses"
  FOR EACH ROW EXECUTE FUNCTION "search_entries_trigger"();
--> statement-breakpoint
CREATE TRIGGER "search_entries_on_inspection" AFTER UPDATE OF "title", "slug", "published_on", "visit_end_on", "visit_start_on", "date_precision" ON "inspections"
  FOR EACH ROW EXECUTE FUNCTION "search_entries_trigger"();
--> statement-breakpoint
CREATE TRIGGER "search_entries_on_topic" AFTER INSERT OR DELETE OR UPDATE ON "work_programme_topics"
  FOR EACH ROW EXECUTE FUNCTION "search_entries_trigger"();
--> statement-breakpoint
SELECT search_entries_refresh_all();
--> statement-breakpoint
-- The full-text index: RUM where the server has it (ordering by rank and phrase matching from
-- the index), GIN elsewhere (PGlite, servers without the extension or the right to create it).
DO $$
BEGIN
  BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'rum') THEN
      CREATE EXTENSION IF NOT EXISTS rum;
      CREATE INDEX "search_entries_search_idx" ON "search_entries" USING rum ("search" rum_tsvector_ops);
    END IF;
  EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'rum not available (%): the search index is GIN', SQLERRM;
  END;
  IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'search_entries_search_idx') THEN
    CREATE INDEX "search_entries_search_idx" ON "search_entries" USING gin ("search");
  END IF;
END $$;
--> statement-breakpoint
ANALYZE "search_entries";
