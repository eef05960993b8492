ALTER TABLE "questions" ADD COLUMN "source_status" text;--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "source_status_note" text;--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "attribution_note" text;