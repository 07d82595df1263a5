-- Files of knowledge articles (a screenshot of the setting to change, a form to fill in) are kept
-- as a ticket's are: the same records, stores, checks and limits. A record belongs to a ticket or
-- to an article, never to both. Runs unchanged on H2 and PostgreSQL.
ALTER TABLE fd_attachment ADD COLUMN article_id VARCHAR(20);
ALTER TABLE fd_attachment ALTER COLUMN ticket_number DROP NOT NULL;
ALTER TABLE fd_attachment ADD CONSTRAINT fd_attachment_owner
    CHECK ((ticket_number IS NULL AND article_id IS NOT NULL) OR (ticket_number IS NOT NULL AND article_id IS NULL));
CREATE INDEX fd_attachment_article ON fd_attachment (article_id, id);
