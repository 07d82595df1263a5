-- PostgreSQL's full-text search for the search box (org.flowdesk.search) and the ticket lists' q=:
-- each searchable row carries its tsvector in a generated column, so the index is current in the
-- same transaction as every write, and a GIN index finds the rows of a query. Tickets and comments
-- are stemmed as English; catalog entries and articles in their own language. Titles get trigram
-- indexes (pg_trgm) for the typo-tolerant second try of a short query that found nothing. pg_trgm
-- lives in schema public (FlowDesk names its functions and operators with that schema).
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;

ALTER TABLE fd_ticket ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(title, '')), 'A')
    || setweight(to_tsvector('english', coalesce(description, '')), 'B')
    || setweight(to_tsvector('english', coalesce(resolution_notes, '')), 'C')) STORED;
CREATE INDEX fd_ticket_search ON fd_ticket USING GIN (search_vector);
CREATE INDEX fd_ticket_title_trgm ON fd_ticket USING GIN (title public.gin_trgm_ops);

-- Only comments are searched (public ones by everyone who sees the ticket, internal ones by its agents).
ALTER TABLE fd_timeline_entry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    CASE WHEN kind = 'comment' THEN to_tsvector('english', coalesce(text, '')) END) STORED;
CREATE INDEX fd_timeline_search ON fd_timeline_entry USING GIN (search_vector);

ALTER TABLE fd_search_entry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    CASE language
      WHEN 'de' THEN setweight(to_tsvector('german', title), 'A') || setweight(to_tsvector('german', coalesce(body, '')), 'B')
      WHEN 'en' THEN setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', coalesce(body, '')), 'B')
      ELSE setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', coalesce(body, '')), 'B')
    END) STORED;
CREATE INDEX fd_search_entry_search ON fd_search_entry USING GIN (search_vector);
CREATE INDEX fd_search_entry_title_trgm ON fd_search_entry USING GIN (title public.gin_trgm_ops);

-- The words of every title, for the typo-tolerant second try: a short query that found nothing is
-- tried again with each of its words replaced by the most similar word of this list (the recipe
-- of pg_trgm's documentation). Triggers keep it current in the writing transaction.
CREATE TABLE fd_search_word (
    word VARCHAR(100) NOT NULL PRIMARY KEY
);
CREATE INDEX fd_search_word_trgm ON fd_search_word USING GIN (word public.gin_trgm_ops);

CREATE FUNCTION fd_search_title_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO fd_search_word (word)
    SELECT DISTINCT w FROM unnest(tsvector_to_array(to_tsvector('simple', NEW.title))) AS w
    WHERE length(w) BETWEEN 3 AND 100
    ON CONFLICT DO NOTHING;
  RETURN NEW;
END
$$;
CREATE TRIGGER fd_ticket_title_words AFTER INSERT OR UPDATE OF title ON fd_ticket
    FOR EACH ROW EXECUTE FUNCTION fd_search_title_words();
CREATE TRIGGER fd_search_entry_title_words AFTER INSERT OR UPDATE OF title ON fd_search_entry
    FOR EACH ROW EXECUTE FUNCTION fd_search_title_words();
INSERT INTO fd_search_word (word)
    SELECT DISTINCT w FROM fd_ticket, unnest(tsvector_to_array(to_tsvector('simple', title))) AS w
    WHERE length(w) BETWEEN 3 AND 100
    ON CONFLICT DO NOTHING;
