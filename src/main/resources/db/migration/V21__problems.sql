-- Problems: tickets numbered PRB-000001 (the cause behind one or more incidents) with what the
-- investigation found: the root cause, the affected service and the workaround that makes the
-- problem a known error. Their incidents and fixing changes are fd_ticket_link rows.
-- Runs unchanged on H2 and PostgreSQL.
CREATE SEQUENCE fd_problem_number START WITH 1 INCREMENT BY 1;

CREATE TABLE fd_problem (
    ticket_number    VARCHAR(20)    NOT NULL PRIMARY KEY,
    root_cause       VARCHAR(20000),
    affected_service VARCHAR(64),
    workaround       VARCHAR(20000),
    known_error_at   TIMESTAMP WITH TIME ZONE
);
