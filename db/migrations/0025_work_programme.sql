CREATE TABLE "work_programme_topics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"body_id" uuid NOT NULL,
	"municipal_year" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"reason" text NOT NULL,
	"priority_id" uuid,
	"recommendation_id" uuid,
	"kind" text DEFAULT 'report' NOT NULL,
	"lead_officer_id" uuid,
	"planned_meeting_id" uuid,
	"decision" text DEFAULT 'proposed' NOT NULL,
	"decision_reason" text,
	"agenda_item_id" uuid,
	"proposed_by_user_id" uuid,
	"proposed_by_person_id" uuid,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, coalesce("title", '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce("description", '')), 'B')) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_programme_topics_reason_check" CHECK ("work_programme_topics"."decision" not in ('deferred', 'dropped') or coalesce(trim("work_programme_topics"."decision_reason"), '') <> '')
);
--> statement-breakpoint
ALTER TABLE "work_programme_topics" ADD CONSTRAINT "work_programme_topics_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_programme_topics" ADD CONSTRAINT "work_programme_topics_priority_id_priorities_id_fk" FOREIGN KEY ("priority_id") REFERENCES "public"."priorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_programme_topics" ADD CONSTRAINT "work_programme_topics_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_programme_topics" ADD CONSTRAINT "work_programme_topics_lead_officer_id_people_id_fk" FOREIGN KEY ("lead_officer_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_programme_topics" ADD CONSTRAINT "work_programme_topics_planned_meeting_id_meetings_id_fk" FOREIGN KEY ("planned_meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_programme_topics" ADD CONSTRAINT "work_programme_topics_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_programme_topics" ADD CONSTRAINT "work_programme_topics_proposed_by_user_id_users_id_fk" FOREIGN KEY ("proposed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_programme_topics" ADD CONSTRAINT "work_programme_topics_proposed_by_person_id_people_id_fk" FOREIGN KEY ("proposed_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "work_programme_topics_body_id_municipal_year_index" ON "work_programme_topics" USING btree ("body_id","municipal_year");--> statement-breakpoint
CREATE INDEX "work_programme_topics_priority_id_index" ON "work_programme_topics" USING btree ("priority_id");--> statement-breakpoint
CREATE INDEX "work_programme_topics_recommendation_id_index" ON "work_programme_topics" USING btree ("recommendation_id");--> statement-breakpoint
CREATE INDEX "work_programme_topics_lead_officer_id_index" ON "work_programme_topics" USING btree ("lead_officer_id");--> statement-breakpoint
CREATE INDEX "work_programme_topics_planned_meeting_id_index" ON "work_programme_topics" USING btree ("planned_meeting_id");--> statement-breakpoint
CREATE INDEX "work_programme_topics_agenda_item_id_index" ON "work_programme_topics" USING btree ("agenda_item_id");--> statement-breakpoint
CREATE INDEX "work_programme_topics_proposed_by_user_id_index" ON "work_programme_topics" USING btree ("proposed_by_user_id");--> statement-breakpoint
CREATE INDEX "work_programme_topics_proposed_by_person_id_index" ON "work_programme_topics" USING btree ("proposed_by_person_id");--> statement-breakpoint
CREATE INDEX "work_programme_topics_search_idx" ON "work_programme_topics" USING gin ("search");