-- An approval's step as its model names the task ("Manager approves", "CAB member votes"), beside the
-- step's code it is recorded under ("manager", "CAB vote"): a ticket's decided approvals read as its
-- waiting ones do, in the person's language. Decisions recorded before have only their code, which
-- is what they showed until now. Runs unchanged on H2 and PostgreSQL.
ALTER TABLE fd_approval ADD COLUMN step_name VARCHAR(255);
UPDATE fd_approval SET step_name = step;
ALTER TABLE fd_approval ALTER COLUMN step_name SET NOT NULL;
