-- Who entered a ticket when it is not its requester: an agent who took a phone call and reported
-- the incident for the caller, or a manager who ordered an item for a direct report. The requester
-- stays the person it is for (visibility, notifications, approvals follow them); NULL means the
-- requester entered it. Runs unchanged on H2 and PostgreSQL.
ALTER TABLE fd_ticket ADD COLUMN entered_by VARCHAR(64);
