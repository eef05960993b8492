-- Search plans from the words' frequencies (docs/decisions/051-search-plans-from-word-frequencies.md).
--
-- search_pairs(v): each pair of lexemes at adjacent positions of v, as one lexeme 'a~b'. A quoted
-- phrase "a b c" ('a' <-> 'b' <-> 'c') matches only rows holding the pairs a~b and b~c, so the
-- phrase is found through the pairs' index: rare where the words themselves are common. The
-- positions are the search vector's own (title then body, as `search` concatenates them), so a row
-- that matches a phrase always holds its pairs. Pairs of two lexemes reaching 2,000 bytes are left
-- out (a lexeme may be up to 2,046), as app/models/search/query-tree.ts leaves them out of a query.
CREATE FUNCTION "search_pairs"(v tsvector) RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  WITH t AS (SELECT u.lexeme, p AS pos FROM unnest(v) AS u(lexeme, positions, weights), unnest(u.positions) AS p)
  SELECT coalesce(array_to_tsvector(array_agg(DISTINCT a.lexeme || '~' || b.lexeme)), ''::tsvector)
  FROM t AS a JOIN t AS b ON b.pos = a.pos + 1
  WHERE octet_length(a.lexeme) + octet_length(b.lexeme) < 2000
$$;
--> statement-breakpoint
ALTER TABLE "search_entries" ADD COLUMN "phrase_pairs" "tsvector" GENERATED ALWAYS AS (search_pairs(to_tsvector('english'::regconfig, "search_title") || to_tsvector('english'::regconfig, "search_body"))) STORED;--> statement-breakpoint
CREATE INDEX "search_entries_pairs_idx" ON "search_entries" USING gin ("phrase_pairs");--> statement-breakpoint
-- The words' index is GIN everywhere: measured on the full synthetic archive, a GIN bitmap scan
-- was 2.5 to 10 times faster than RUM's for every class of query (ADR 051), and search no longer
-- orders by rank from the index (ADR 047 orders by title match, then date).
DROP INDEX IF EXISTS "search_entries_search_idx";--> statement-breakpoint
CREATE INDEX "search_entries_search_idx" ON "search_entries" USING gin ("search");--> statement-breakpoint
ANALYZE "search_entries";
