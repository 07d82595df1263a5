-- H2's own full-text search (org.h2.fulltext.FullText) for the search box and the lists' q=, as
-- db/vendor/postgresql/V16_1 gives PostgreSQL its own. Each searchable row gets a generated column
-- search_text: its words split, lower-cased, stop words dropped and stemmed in its language by
-- FD_SEARCH_TEXT (org.flowdesk.SearchText, Lucene's analyzers), like PostgreSQL's tsvector columns;
-- tickets and comments in English, catalog entries and articles in their own language; of the
-- timeline only comments have words. FT_INIT creates schema FT (the words, the indexed rows and
-- which words each row holds) and the FT_* functions; FT_CREATE_INDEX indexes a column's rows now
-- and puts a trigger on the table that keeps the index current in the writing transaction (a
-- rolled-back write leaves nothing behind). org.flowdesk.H2FullText asks it through FT_SEARCH_DATA.
CREATE ALIAS FD_SEARCH_TEXT DETERMINISTIC FOR 'org.flowdesk.SearchText.words';

ALTER TABLE fd_ticket ADD COLUMN search_text VARCHAR(50000) GENERATED ALWAYS AS (
    FD_SEARCH_TEXT('en', CONCAT_WS(' ', title, description, resolution_notes)));
ALTER TABLE fd_timeline_entry ADD COLUMN search_text VARCHAR(20000) GENERATED ALWAYS AS (
    CASE WHEN kind = 'comment' THEN FD_SEARCH_TEXT('en', text) END);
ALTER TABLE fd_search_entry ADD COLUMN search_text VARCHAR(110000) GENERATED ALWAYS AS (
    FD_SEARCH_TEXT(language, CONCAT_WS(' ', title, body)));

CREATE ALIAS IF NOT EXISTS FT_INIT FOR 'org.h2.fulltext.FullText.init';
CALL FT_INIT();
CALL FT_CREATE_INDEX('PUBLIC', 'FD_TICKET', 'SEARCH_TEXT');
CALL FT_CREATE_INDEX('PUBLIC', 'FD_TIMELINE_ENTRY', 'SEARCH_TEXT');
CALL FT_CREATE_INDEX('PUBLIC', 'FD_SEARCH_ENTRY', 'SEARCH_TEXT');
