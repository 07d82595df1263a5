-- Incidents that processes/problem-detection.bpmn proposed to a group as the cluster behind a
-- possible problem: each is proposed once, so the same cluster is never proposed twice.
CREATE TABLE fd_problem_proposal_incident (
    incident_number VARCHAR(20) PRIMARY KEY,
    proposed_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
