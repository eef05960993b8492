CREATE TABLE "document_text_pages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_file_id" uuid NOT NULL,
	"page_number" integer NOT NULL,
	"text" text NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, coalesce("text", '')), 'C')) STORED
);
--> statement-breakpoint
ALTER TABLE "document_files" ADD COLUMN "text_status" text;--> statement-breakpoint
ALTER TABLE "document_files" ADD COLUMN "text_note" text;--> statement-breakpoint
ALTER TABLE "document_files" ADD COLUMN "text_claimed_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "document_files" ADD COLUMN "text_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "document_files" ADD COLUMN "page_count" integer;--> statement-breakpoint
ALTER TABLE "document_files" ADD COLUMN "pdf_has_title" boolean;--> statement-breakpoint
ALTER TABLE "document_files" ADD COLUMN "pdf_has_language" boolean;--> statement-breakpoint
ALTER TABLE "document_text_pages" ADD CONSTRAINT "document_text_pages_document_file_id_document_files_id_fk" FOREIGN KEY ("document_file_id") REFERENCES "public"."document_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "document_text_pages_document_file_id_page_number_index" ON "document_text_pages" USING btree ("document_file_id","page_number");--> statement-breakpoint
CREATE INDEX "document_text_pages_search_idx" ON "document_text_pages" USING gin ("search");--> statement-breakpoint
CREATE INDEX "document_files_text_pending_idx" ON "document_files" USING btree ("created_at") WHERE "document_files"."text_status" = 'pending' and "document_files"."superseded_at" is null;--> statement-breakpoint
UPDATE "document_files" SET "text_status" = 'pending' WHERE "media_type" IN ('application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
