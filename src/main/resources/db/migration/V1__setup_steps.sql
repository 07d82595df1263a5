-- One-time set-up steps FlowDesk has carried out on this database (demo data, ...),
-- so that a step runs once even when its result is later changed by an administrator.
CREATE TABLE fd_setup_step (
    step    VARCHAR(100) NOT NULL PRIMARY KEY,
    done_at TIMESTAMP    NOT NULL
);
