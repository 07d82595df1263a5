-- An incident or a change may name the configuration item it is about (the form's optional field,
-- a CI the ticket's service stands on). The matrix counts a CI's open incidents by it, and the
-- change conflict check finds changes of CIs that depend on one another. Runs unchanged on H2 and PostgreSQL.
ALTER TABLE fd_ticket ADD COLUMN ci_key VARCHAR(64);
CREATE INDEX fd_ticket_ci ON fd_ticket (ci_key, status);
