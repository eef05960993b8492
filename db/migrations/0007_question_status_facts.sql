CREATE TABLE "question_status_facts" (
	"question_id" uuid PRIMARY KEY NOT NULL,
	"has_full_response" boolean DEFAULT false NOT NULL,
	"has_holding_response" boolean DEFAULT false NOT NULL,
	"open_actions" integer DEFAULT 0 NOT NULL,
	"first_full_response_at" timestamp with time zone,
	"last_action_ended_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "question_status_facts" ADD CONSTRAINT "question_status_facts_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Hand-written: the facts are recomputed by triggers in the transaction that
-- changes a question, a response or an action (docs/decisions/010-speed-at-scale.md).
-- question_status_facts_refresh(NULL) recomputes every question (used below and
-- by db/synth after its bulk load, which runs with triggers off).
CREATE FUNCTION "question_status_facts_refresh"(question_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "question_status_facts" AS f
    ("question_id", "has_full_response", "has_holding_response", "open_actions", "first_full_response_at", "last_action_ended_at")
  SELECT q."id",
    EXISTS (SELECT 1 FROM "responses" r WHERE r."question_id" = q."id" AND r."kind" = 'full'
      AND NOT EXISTS (SELECT 1 FROM "responses" s WHERE s."supersedes_id" = r."id")),
    EXISTS (SELECT 1 FROM "responses" r WHERE r."question_id" = q."id" AND r."kind" = 'holding'
      AND NOT EXISTS (SELECT 1 FROM "responses" s WHERE s."supersedes_id" = r."id")),
    (SELECT count(*)::int FROM "actions" a WHERE a."question_id" = q."id" AND a."completed_at" IS NULL AND a."cancelled_at" IS NULL),
    (SELECT min(r."responded_at") FROM "responses" r WHERE r."question_id" = q."id" AND r."kind" = 'full'),
    (SELECT max(coalesce(a."completed_at", a."cancelled_at")) FROM "actions" a WHERE a."question_id" = q."id")
  FROM "questions" q
  WHERE question_ids IS NULL OR q."id" = ANY (question_ids)
  ON CONFLICT ("question_id") DO UPDATE SET
    "has_full_response" = excluded."has_full_response",
    "has_holding_response" = excluded."has_holding_response",
    "open_actions" = excluded."open_actions",
    "first_full_response_at" = excluded."first_full_response_at",
    "last_action_ended_at" = excluded."last_action_ended_at";
$$;
--> statement-breakpoint
CREATE FUNCTION "question_status_facts_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'questions' THEN
    PERFORM "question_status_facts_refresh"(ARRAY[NEW."id"]);
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM "question_status_facts_refresh"(ARRAY[NEW."question_id"]);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "question_status_facts_refresh"(ARRAY[OLD."question_id"]);
  ELSE
    PERFORM "question_status_facts_refresh"(ARRAY[OLD."question_id", NEW."question_id"]);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "question_status_facts_on_question" AFTER INSERT ON "questions"
  FOR EACH ROW EXECUTE FUNCTION "question_status_facts_trigger"();
--> statement-breakpoint
CREATE TRIGGER "question_status_facts_on_response" AFTER INSERT OR DELETE OR UPDATE OF "question_id", "kind", "supersedes_id", "responded_at" ON "responses"
  FOR EACH ROW EXECUTE FUNCTION "question_status_facts_trigger"();
--> statement-breakpoint
CREATE TRIGGER "question_status_facts_on_action" AFTER INSERT OR DELETE OR UPDATE OF "question_id", "completed_at", "cancelled_at" ON "actions"
  FOR EACH ROW EXECUTE FUNCTION "question_status_facts_trigger"();
--> statement-breakpoint
SELECT "question_status_facts_refresh"(NULL);
