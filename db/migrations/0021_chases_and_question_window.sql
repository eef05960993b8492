CREATE TABLE "chases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"question_id" uuid,
	"action_id" uuid,
	"chased_on" date NOT NULL,
	"chased_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chases_one_record" CHECK (("chases"."question_id" is null) <> ("chases"."action_id" is null))
);
--> statement-breakpoint
ALTER TABLE "bodies" ADD COLUMN "question_window_days" integer DEFAULT 28 NOT NULL;--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "entered_after_the_fact" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "chases" ADD CONSTRAINT "chases_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chases" ADD CONSTRAINT "chases_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chases" ADD CONSTRAINT "chases_chased_by_id_users_id_fk" FOREIGN KEY ("chased_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "chases_question_day_idx" ON "chases" USING btree ("question_id","chased_on");--> statement-breakpoint
CREATE UNIQUE INDEX "chases_action_day_idx" ON "chases" USING btree ("action_id","chased_on");--> statement-breakpoint
CREATE INDEX "chases_chased_by_id_index" ON "chases" USING btree ("chased_by_id");