ALTER TABLE "documents" ADD COLUMN "published_precision" text DEFAULT 'exact' NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "review_period" text;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "agenda_published_precision" text DEFAULT 'exact' NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "minutes_published_precision" text DEFAULT 'exact' NOT NULL;--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "tabled_on_precision" text DEFAULT 'exact' NOT NULL;--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "responded_at_precision" text DEFAULT 'exact' NOT NULL;--> statement-breakpoint
-- The import (run at every start) sets the new precisions from content/: forget the
-- stored checksums of the files that hold them, so an existing database re-imports
-- them once (records are compared column by column; unchanged ones are left alone).
DELETE FROM "content_sources" WHERE "entity_type" IN ('meeting', 'document', 'inspection');
