-- What a person answered in the form a ticket was opened with (a catalog item's questions), as
-- the form labelled it then: the field's label, the value as stored and the value as people read
-- it (a choice's label, "Developer (16 inch, 32 GB)", not "developer"). The ticket page, the
-- approvers and the fulfillers read it from here; the answers that are free text are never
-- process variables. Runs unchanged on H2 and PostgreSQL.
CREATE TABLE fd_ticket_answer (
    ticket_number  VARCHAR(20)    NOT NULL,
    position       INTEGER        NOT NULL,
    field_key      VARCHAR(100)   NOT NULL,
    label          VARCHAR(500)   NOT NULL,
    answer         VARCHAR(20000) NOT NULL,
    shown          VARCHAR(20000) NOT NULL,
    PRIMARY KEY (ticket_number, field_key)
);
