CREATE TABLE "action_cancellation_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"requested_by_id" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decision" text,
	"decision_note" text,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "token_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "action_cancellation_requests" ADD CONSTRAINT "action_cancellation_requests_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_cancellation_requests" ADD CONSTRAINT "action_cancellation_requests_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_cancellation_requests" ADD CONSTRAINT "action_cancellation_requests_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_cancellation_requests_action_id_index" ON "action_cancellation_requests" USING btree ("action_id");--> statement-breakpoint
CREATE INDEX "action_cancellation_requests_requested_by_id_index" ON "action_cancellation_requests" USING btree ("requested_by_id");--> statement-breakpoint
CREATE INDEX "action_cancellation_requests_decided_by_id_index" ON "action_cancellation_requests" USING btree ("decided_by_id");