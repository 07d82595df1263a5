-- Changes: tickets numbered CHG-000001 with their plan, window, risk and outcome; links between
-- tickets (an incident caused by a change, a change linked to an incident).
CREATE SEQUENCE fd_change_number START WITH 1 INCREMENT BY 1;

CREATE TABLE fd_change (
    ticket_number        VARCHAR(20)    NOT NULL PRIMARY KEY,
    change_type          VARCHAR(20)    NOT NULL,
    template_id          VARCHAR(64),
    planned_start        TIMESTAMP      NOT NULL,
    planned_end          TIMESTAMP      NOT NULL,
    implementation_group VARCHAR(64)    NOT NULL,
    complexity           VARCHAR(20),
    tested               BOOLEAN,
    implementation_plan  VARCHAR(20000) NOT NULL,
    backout_plan         VARCHAR(20000),
    test_evidence        VARCHAR(20000),
    risk                 VARCHAR(20),
    outcome              VARCHAR(20),
    outcome_notes        VARCHAR(20000)
);
-- The calendar and the conflict check: changes of a service whose window overlaps another.
CREATE INDEX fd_change_window ON fd_change (planned_start, planned_end);

CREATE TABLE fd_ticket_link (
    ticket_number   VARCHAR(20)  NOT NULL,
    linked_number   VARCHAR(20)  NOT NULL,
    relation        VARCHAR(30)  NOT NULL,
    created_at      TIMESTAMP    NOT NULL,
    PRIMARY KEY (ticket_number, linked_number, relation)
);
