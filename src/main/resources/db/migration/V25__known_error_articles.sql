-- A knowledge article's kind: "article", written by an agent and reviewed, or "known_error", written
-- from a problem's workaround when the problem becomes a known error (its source_ticket is the problem)
-- and retired when the problem is fixed. Runs unchanged on H2 and PostgreSQL.
ALTER TABLE fd_article ADD COLUMN kind VARCHAR(20) DEFAULT 'article' NOT NULL;
CREATE INDEX fd_article_source ON fd_article (source_ticket, kind);
