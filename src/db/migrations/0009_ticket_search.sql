CREATE TABLE "ticket_search" (
	"ticket_number" bigint PRIMARY KEY NOT NULL,
	"public" "tsvector" NOT NULL,
	"internal" "tsvector" NOT NULL
);
--> statement-breakpoint
CREATE INDEX "ticket_search_public_idx" ON "ticket_search" USING gin ("public");--> statement-breakpoint
CREATE INDEX "ticket_search_internal_idx" ON "ticket_search" USING gin ("internal");--> statement-breakpoint
-- The vectors live out of line (TOAST, uncompressed): a search then reads a narrow table to find
-- its tickets, and only the few it ranks are read in full. Statistics on more words give the
-- planner (and src/api/ticket-search.ts) better guesses of how many tickets a word matches.
ALTER TABLE "ticket_search" SET (toast_tuple_target = 128);--> statement-breakpoint
ALTER TABLE "ticket_search" ALTER COLUMN "public" SET STORAGE EXTERNAL, ALTER COLUMN "internal" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "ticket_search" ALTER COLUMN "public" SET STATISTICS 1000, ALTER COLUMN "internal" SET STATISTICS 1000;--> statement-breakpoint
-- Words found whatever their accents: unaccent (a trusted contrib extension since PostgreSQL 13, in
-- the embedded Postgres, Debian's and the official image) runs before each language's stemmer.
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION public.desk_en (COPY = pg_catalog.english);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION public.desk_en ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION public.desk_fr (COPY = pg_catalog.french);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION public.desk_fr ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;--> statement-breakpoint
-- A text's words, stemmed as English and as French: the desk does not know which a text is in.
CREATE FUNCTION desk_search_vector(body text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_tsvector('public.desk_en'::regconfig, coalesce(body, '')) || to_tsvector('public.desk_fr'::regconfig, coalesce(body, ''))
$$;--> statement-breakpoint
-- One term of what people type, read in English and in French: a word is either language's stem
-- (a word one of them ignores, "the", "le", is ignored), a "quoted phrase" either language's phrase.
-- src/db/search.ts puts the terms together (and, or, -without).
CREATE FUNCTION desk_search_term(term text, phrase boolean) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN NOT phrase AND (numnode(en) = 0 OR numnode(fr) = 0) THEN ''::tsquery ELSE en || fr END
  FROM (
    SELECT CASE WHEN phrase THEN phraseto_tsquery('public.desk_en'::regconfig, term) ELSE plainto_tsquery('public.desk_en'::regconfig, term) END AS en,
      CASE WHEN phrase THEN phraseto_tsquery('public.desk_fr'::regconfig, term) ELSE plainto_tsquery('public.desk_fr'::regconfig, term) END AS fr
  ) AS readings
$$;--> statement-breakpoint
-- Any of a query's words (those it does not exclude): what a passage must hold to be shown, as
-- the words of one query may be spread over a ticket's subject, description and replies.
CREATE FUNCTION desk_search_any(query tsquery) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(DISTINCT '''' || word[2] || '''', ' | ')::tsquery, ''::tsquery)
  FROM regexp_matches(query::text, '(!?)''((?:[^'']|'''')*)''', 'g') AS word
  WHERE word[1] = ''
$$;--> statement-breakpoint
-- A ticket's own words: its subject weighs most, then its description.
CREATE FUNCTION desk_search_head(subject text, description text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(desk_search_vector(subject), 'A') || setweight(desk_search_vector(description), 'B')
$$;--> statement-breakpoint
-- A comment's words: its text and the names of its files. The first comment is the description,
-- already in the head: only its files count.
CREATE FUNCTION desk_search_comment_text(seq integer, body text, files jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT concat_ws(' ', CASE WHEN seq > 1 THEN body END, (SELECT string_agg(file->>'name', ' ') FROM jsonb_array_elements(files) AS file))
$$;--> statement-breakpoint
-- The passage that matched, its words between U+E000 and U+E001 (taken out of the text first):
-- the whole text (a subject, anything short) or its best fragments; read in English, else in
-- French; null when none of the query's words is there.
CREATE FUNCTION desk_search_headline(body text, query tsquery, whole boolean) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  clean text := replace(replace(coalesce(body, ''), E'\uE000', ''), E'\uE001', '');
  options text := CASE WHEN whole OR length(clean) <= 240 THEN 'HighlightAll=true, ' ELSE 'MaxFragments=2, MaxWords=24, MinWords=8, ShortWord=2, FragmentDelimiter=" … ", ' END
    || 'StartSel=' || E'\uE000' || ', StopSel=' || E'\uE001';
  marked text;
BEGIN
  IF clean = '' THEN
    RETURN NULL;
  END IF;
  marked := ts_headline('public.desk_en'::regconfig, clean, query, options);
  IF strpos(marked, E'\uE000') = 0 THEN
    marked := ts_headline('public.desk_fr'::regconfig, clean, query, options);
  END IF;
  RETURN CASE WHEN strpos(marked, E'\uE000') > 0 THEN marked END;
END $$;--> statement-breakpoint
-- How many tickets the planner expects a query to match, and how many there are: the search picks
-- its plan by it (src/api/ticket-search.ts).
CREATE FUNCTION desk_search_estimate(query tsquery, with_internal boolean) RETURNS TABLE (matches double precision, tickets double precision) LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  plan json;
BEGIN
  IF with_internal THEN
    EXECUTE 'EXPLAIN (FORMAT JSON) SELECT 1 FROM ticket_search WHERE public @@ $1 OR internal @@ $1' INTO plan USING query;
  ELSE
    EXECUTE 'EXPLAIN (FORMAT JSON) SELECT 1 FROM ticket_search WHERE public @@ $1' INTO plan USING query;
  END IF;
  matches := (plan->0->'Plan'->>'Plan Rows')::double precision;
  SELECT greatest(c.reltuples, 0) INTO tickets FROM pg_class c WHERE c.oid = 'ticket_search'::regclass;
  RETURN NEXT;
END $$;--> statement-breakpoint
-- The tickets there already.
INSERT INTO ticket_search (ticket_number, public, internal)
SELECT t.number,
  desk_search_head(t.subject, t.description) || coalesce((SELECT desk_search_vector(string_agg(desk_search_comment_text(c.seq, c.body, c.attachments), ' ')) FROM ticket_comments c WHERE c.ticket_number = t.number AND NOT c.internal), ''),
  coalesce((SELECT desk_search_vector(string_agg(desk_search_comment_text(c.seq, c.body, c.attachments), ' ')) FROM ticket_comments c WHERE c.ticket_number = t.number AND c.internal), '')
FROM tickets t
ON CONFLICT (ticket_number) DO NOTHING;
