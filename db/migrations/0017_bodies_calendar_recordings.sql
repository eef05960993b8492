ALTER TABLE "bodies" ADD COLUMN "terms_of_reference" text;--> statement-breakpoint
ALTER TABLE "bodies" ADD COLUMN "meeting_place" text;--> statement-breakpoint
ALTER TABLE "bodies" ADD COLUMN "meeting_frequency" text;--> statement-breakpoint
ALTER TABLE "bodies" ADD COLUMN "clerk_name" text;--> statement-breakpoint
ALTER TABLE "bodies" ADD COLUMN "clerk_email" text;--> statement-breakpoint
ALTER TABLE "bodies" ADD COLUMN "clerk_phone" text;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "recording_offset_seconds" integer;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "recording_url" text;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "recording_kind" text;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "recording_length_seconds" integer;