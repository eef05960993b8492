CREATE TABLE "action_priorities" (
	"action_id" uuid NOT NULL,
	"priority_id" uuid NOT NULL,
	CONSTRAINT "action_priorities_action_id_priority_id_pk" PRIMARY KEY("action_id","priority_id")
);
--> statement-breakpoint
CREATE TABLE "agenda_item_recommendations" (
	"agenda_item_id" uuid NOT NULL,
	"recommendation_id" uuid NOT NULL,
	CONSTRAINT "agenda_item_recommendations_agenda_item_id_recommendation_id_pk" PRIMARY KEY("agenda_item_id","recommendation_id")
);
--> statement-breakpoint
CREATE TABLE "document_priorities" (
	"document_id" uuid NOT NULL,
	"priority_id" uuid NOT NULL,
	CONSTRAINT "document_priorities_document_id_priority_id_pk" PRIMARY KEY("document_id","priority_id")
);
--> statement-breakpoint
CREATE TABLE "feed_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "feed_tokens_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "interest_declarations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"nature" text NOT NULL,
	"left_room" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"person_id" uuid,
	"name" text,
	"role" text DEFAULT 'member' NOT NULL,
	"status" text DEFAULT 'present' NOT NULL,
	"substitute_for_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "minute_amendments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"minute_id" uuid NOT NULL,
	"approved_at_meeting_id" uuid NOT NULL,
	"before" text NOT NULL,
	"after" text NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "question_priorities" (
	"question_id" uuid NOT NULL,
	"priority_id" uuid NOT NULL,
	CONSTRAINT "question_priorities_question_id_priority_id_pk" PRIMARY KEY("question_id","priority_id")
);
--> statement-breakpoint
CREATE TABLE "question_recommendations" (
	"question_id" uuid NOT NULL,
	"recommendation_id" uuid NOT NULL,
	CONSTRAINT "question_recommendations_question_id_recommendation_id_pk" PRIMARY KEY("question_id","recommendation_id")
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"data" jsonb NOT NULL,
	"reason" text,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"email" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" uuid NOT NULL,
	"confirm_token_hash" text,
	"confirm_expires_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"unsubscribe_token_hash" text NOT NULL,
	"unsubscribed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscriptions_confirmTokenHash_unique" UNIQUE("confirm_token_hash"),
	CONSTRAINT "subscriptions_unsubscribeTokenHash_unique" UNIQUE("unsubscribe_token_hash")
);
--> statement-breakpoint
ALTER TABLE "meetings" ALTER COLUMN "attendance_mode" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "actions" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, coalesce("reference", '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce("description", '')), 'B') || setweight(to_tsvector('english'::regconfig, coalesce("closure_evidence", '')), 'C')) STORED;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, coalesce("title", '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce("purpose", '') || ' ' || coalesce("body", '')), 'B')) STORED;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "review_year" integer;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "presented_at_item_id" uuid;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, coalesce("title", '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce("summary", '')), 'B') || setweight(to_tsvector('english'::regconfig, coalesce("body", '')), 'C')) STORED;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "minutes_approval_unknown" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "minutes" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, coalesce("body", '') || ' ' || coalesce("decisions", '')), 'B')) STORED;--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, coalesce("text", '')), 'A')) STORED;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "lead" text;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "due_on" date;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, coalesce("reference", '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce("text", '')), 'B') || setweight(to_tsvector('english'::regconfig, coalesce("met_finding", '') || ' ' || coalesce("closure_evidence", '')), 'C')) STORED;--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, coalesce("body", '')), 'B')) STORED;--> statement-breakpoint
ALTER TABLE "action_priorities" ADD CONSTRAINT "action_priorities_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_priorities" ADD CONSTRAINT "action_priorities_priority_id_priorities_id_fk" FOREIGN KEY ("priority_id") REFERENCES "public"."priorities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_item_recommendations" ADD CONSTRAINT "agenda_item_recommendations_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_item_recommendations" ADD CONSTRAINT "agenda_item_recommendations_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_priorities" ADD CONSTRAINT "document_priorities_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_priorities" ADD CONSTRAINT "document_priorities_priority_id_priorities_id_fk" FOREIGN KEY ("priority_id") REFERENCES "public"."priorities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_tokens" ADD CONSTRAINT "feed_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interest_declarations" ADD CONSTRAINT "interest_declarations_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interest_declarations" ADD CONSTRAINT "interest_declarations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_substitute_for_id_people_id_fk" FOREIGN KEY ("substitute_for_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minute_amendments" ADD CONSTRAINT "minute_amendments_minute_id_minutes_id_fk" FOREIGN KEY ("minute_id") REFERENCES "public"."minutes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minute_amendments" ADD CONSTRAINT "minute_amendments_approved_at_meeting_id_meetings_id_fk" FOREIGN KEY ("approved_at_meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minute_amendments" ADD CONSTRAINT "minute_amendments_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_priorities" ADD CONSTRAINT "question_priorities_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_priorities" ADD CONSTRAINT "question_priorities_priority_id_priorities_id_fk" FOREIGN KEY ("priority_id") REFERENCES "public"."priorities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_recommendations" ADD CONSTRAINT "question_recommendations_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_recommendations" ADD CONSTRAINT "question_recommendations_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_priorities_priority_id_index" ON "action_priorities" USING btree ("priority_id");--> statement-breakpoint
CREATE INDEX "agenda_item_recommendations_recommendation_id_index" ON "agenda_item_recommendations" USING btree ("recommendation_id");--> statement-breakpoint
CREATE INDEX "document_priorities_priority_id_index" ON "document_priorities" USING btree ("priority_id");--> statement-breakpoint
CREATE INDEX "feed_tokens_user_id_index" ON "feed_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "interest_declarations_agenda_item_id_index" ON "interest_declarations" USING btree ("agenda_item_id");--> statement-breakpoint
CREATE INDEX "interest_declarations_person_id_index" ON "interest_declarations" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "meeting_attendance_meeting_id_index" ON "meeting_attendance" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_attendance_person_id_index" ON "meeting_attendance" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "meeting_attendance_substitute_for_id_index" ON "meeting_attendance" USING btree ("substitute_for_id");--> statement-breakpoint
CREATE INDEX "minute_amendments_minute_id_index" ON "minute_amendments" USING btree ("minute_id");--> statement-breakpoint
CREATE INDEX "minute_amendments_approved_at_meeting_id_index" ON "minute_amendments" USING btree ("approved_at_meeting_id");--> statement-breakpoint
CREATE INDEX "minute_amendments_created_by_id_index" ON "minute_amendments" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "question_priorities_priority_id_index" ON "question_priorities" USING btree ("priority_id");--> statement-breakpoint
CREATE INDEX "question_recommendations_recommendation_id_index" ON "question_recommendations" USING btree ("recommendation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "revisions_entity_type_entity_id_version_index" ON "revisions" USING btree ("entity_type","entity_id","version");--> statement-breakpoint
CREATE INDEX "revisions_author_id_index" ON "revisions" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "subscriptions_user_id_index" ON "subscriptions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "subscriptions_target_type_target_id_index" ON "subscriptions" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE INDEX "subscriptions_email_index" ON "subscriptions" USING btree ("email");--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_presented_at_item_id_agenda_items_id_fk" FOREIGN KEY ("presented_at_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "actions_search_idx" ON "actions" USING gin ("search");--> statement-breakpoint
CREATE INDEX "agenda_items_search_idx" ON "agenda_items" USING gin ("search");--> statement-breakpoint
CREATE INDEX "documents_presented_at_item_id_index" ON "documents" USING btree ("presented_at_item_id");--> statement-breakpoint
CREATE INDEX "documents_search_idx" ON "documents" USING gin ("search");--> statement-breakpoint
CREATE INDEX "minutes_search_idx" ON "minutes" USING gin ("search");--> statement-breakpoint
CREATE INDEX "questions_tabled_on_index" ON "questions" USING btree ("tabled_on");--> statement-breakpoint
CREATE INDEX "questions_search_idx" ON "questions" USING gin ("search");--> statement-breakpoint
CREATE INDEX "recommendations_search_idx" ON "recommendations" USING gin ("search");--> statement-breakpoint
CREATE INDEX "responses_search_idx" ON "responses" USING gin ("search");