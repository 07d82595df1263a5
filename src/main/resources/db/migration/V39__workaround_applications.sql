-- A known error's workaround applied to an incident, once per revision of the workaround: the
-- primary key admits one application of a revision, so a second apply (a double click, two agents,
-- two nodes at once) fails on its insert, answered 409, instead of posting the public comment
-- again. The problem's workaround_revision counts the changes of its workaround text (an
-- investigation after a failed fix may find another). Runs unchanged on H2 and PostgreSQL.
ALTER TABLE fd_problem ADD COLUMN workaround_revision INTEGER DEFAULT 1 NOT NULL;

CREATE TABLE fd_workaround_application (
    incident_number     VARCHAR(20)              NOT NULL,
    problem_number      VARCHAR(20)              NOT NULL,
    workaround_revision INTEGER                  NOT NULL,
    applied_by          VARCHAR(64)              NOT NULL,
    applied_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (incident_number, problem_number, workaround_revision)
);

-- Workarounds applied before are the incidents' public comments "Workaround for the known error
-- PRB-000001 (<title>):\n<workaround>". One whose text is the problem's workaround now was applied at
-- its current revision (1): the first such comment, by whom and when.
INSERT INTO fd_workaround_application (incident_number, problem_number, workaround_revision, applied_by, applied_at)
SELECT t.ticket_number, p.ticket_number, 1, t.actor, t.occurred_at
FROM fd_timeline_entry t
JOIN fd_problem p ON t.text LIKE 'Workaround for the known error ' || p.ticket_number || ' (%'
WHERE t.kind = 'comment' AND p.workaround IS NOT NULL
  AND RIGHT(t.text, LENGTH(p.workaround) + 3) = '):' || CHR(10) || p.workaround
  AND NOT EXISTS (SELECT 1 FROM fd_timeline_entry e WHERE e.ticket_number = t.ticket_number
    AND e.kind = 'comment' AND e.id < t.id
    AND e.text LIKE 'Workaround for the known error ' || p.ticket_number || ' (%'
    AND RIGHT(e.text, LENGTH(p.workaround) + 3) = '):' || CHR(10) || p.workaround);

-- One of a workaround changed since was applied at an earlier revision (0): the last such comment,
-- so the incident shows it was applied and offers the revised workaround.
INSERT INTO fd_workaround_application (incident_number, problem_number, workaround_revision, applied_by, applied_at)
SELECT t.ticket_number, p.ticket_number, 0, t.actor, t.occurred_at
FROM fd_timeline_entry t
JOIN fd_problem p ON t.text LIKE 'Workaround for the known error ' || p.ticket_number || ' (%'
WHERE t.kind = 'comment'
  AND (p.workaround IS NULL OR RIGHT(t.text, LENGTH(p.workaround) + 3) <> '):' || CHR(10) || p.workaround)
  AND NOT EXISTS (SELECT 1 FROM fd_timeline_entry e WHERE e.ticket_number = t.ticket_number
    AND e.kind = 'comment' AND e.id > t.id
    AND e.text LIKE 'Workaround for the known error ' || p.ticket_number || ' (%'
    AND (p.workaround IS NULL OR RIGHT(e.text, LENGTH(p.workaround) + 3) <> '):' || CHR(10) || p.workaround));
