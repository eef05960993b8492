CREATE TABLE "recommendation_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"reasons" text DEFAULT '' NOT NULL,
	"action_planned" text DEFAULT '' NOT NULL,
	"given_by_person_id" uuid,
	"given_by" text NOT NULL,
	"given_on" date NOT NULL,
	"agreed_at" text DEFAULT '' NOT NULL,
	"agreed_in_document_id" uuid,
	"recorded_by_user_id" uuid,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, coalesce("reasons", '') || ' ' || coalesce("action_planned", '')), 'B')) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "recommendations" ALTER COLUMN "inspection_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "statutory_response_duty" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "response_working_days" integer;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "source" text DEFAULT 'inspection' NOT NULL;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "body_id" uuid;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "agreed_at_minute_id" uuid;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "agreed_at_meeting_id" uuid;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "agreed_in_document_id" uuid;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "agreed_on" date;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "addressee_organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "lead_person_id" uuid;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "received_on" date;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "response_due_on" date;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "review_on" date;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "implementation_state" text;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "judged_at_minute_id" uuid;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "judged_on" date;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "judgement" text;--> statement-breakpoint
ALTER TABLE "recommendations" drop column "search";--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, coalesce("reference", '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce("text", '')), 'B') || setweight(to_tsvector('english'::regconfig, coalesce("met_finding", '') || ' ' || coalesce("closure_evidence", '') || ' ' || coalesce("judgement", '')), 'C')) STORED;--> statement-breakpoint
CREATE INDEX "recommendations_search_idx" ON "recommendations" USING gin ("search");--> statement-breakpoint
ALTER TABLE "recommendation_responses" ADD CONSTRAINT "recommendation_responses_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_responses" ADD CONSTRAINT "recommendation_responses_given_by_person_id_people_id_fk" FOREIGN KEY ("given_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_responses" ADD CONSTRAINT "recommendation_responses_agreed_in_document_id_documents_id_fk" FOREIGN KEY ("agreed_in_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_responses" ADD CONSTRAINT "recommendation_responses_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "recommendation_responses_recommendation_id_index" ON "recommendation_responses" USING btree ("recommendation_id");--> statement-breakpoint
CREATE INDEX "recommendation_responses_search_idx" ON "recommendation_responses" USING gin ("search");--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_agreed_at_minute_id_minutes_id_fk" FOREIGN KEY ("agreed_at_minute_id") REFERENCES "public"."minutes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_agreed_at_meeting_id_meetings_id_fk" FOREIGN KEY ("agreed_at_meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_agreed_in_document_id_documents_id_fk" FOREIGN KEY ("agreed_in_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_addressee_organisation_id_organisations_id_fk" FOREIGN KEY ("addressee_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_lead_person_id_people_id_fk" FOREIGN KEY ("lead_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_judged_at_minute_id_minutes_id_fk" FOREIGN KEY ("judged_at_minute_id") REFERENCES "public"."minutes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "recommendations_body_reference_idx" ON "recommendations" USING btree ("body_id","reference");--> statement-breakpoint
CREATE INDEX "recommendations_addressee_organisation_id_index" ON "recommendations" USING btree ("addressee_organisation_id");--> statement-breakpoint
CREATE INDEX "recommendations_agreed_at_minute_id_index" ON "recommendations" USING btree ("agreed_at_minute_id");--> statement-breakpoint
CREATE INDEX "recommendations_response_due_on_index" ON "recommendations" USING btree ("response_due_on");--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_source_check" CHECK (("recommendations"."source" = 'inspection' and "recommendations"."inspection_id" is not null) or ("recommendations"."source" = 'board' and "recommendations"."inspection_id" is null and "recommendations"."body_id" is not null));