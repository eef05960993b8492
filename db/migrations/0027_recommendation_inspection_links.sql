CREATE TABLE "recommendation_inspection_links" (
	"recommendation_id" uuid NOT NULL,
	"inspection_recommendation_id" uuid NOT NULL,
	CONSTRAINT "recommendation_inspection_links_recommendation_id_inspection_recommendation_id_pk" PRIMARY KEY("recommendation_id","inspection_recommendation_id")
);
--> statement-breakpoint
ALTER TABLE "recommendation_inspection_links" ADD CONSTRAINT "recommendation_inspection_links_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_inspection_links" ADD CONSTRAINT "recommendation_inspection_links_inspection_recommendation_id_recommendations_id_fk" FOREIGN KEY ("inspection_recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recommendation_inspection_links_inspection_recommendation_id_index" ON "recommendation_inspection_links" USING btree ("inspection_recommendation_id");
