CREATE TABLE "generated_files" (
	"name" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"media_type" text NOT NULL,
	"content" "bytea" NOT NULL,
	"byte_size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
