-- Major incidents: an incident its model declared major (a P1) or an agent did. Its children, the incidents
-- attached to it, are fd_ticket_link rows (parent_of / child_of).
CREATE TABLE fd_major_incident (
    ticket_number  VARCHAR(20)               NOT NULL PRIMARY KEY,
    declared_at    TIMESTAMP WITH TIME ZONE  NOT NULL,
    declared_by    VARCHAR(64)               NOT NULL,
    CONSTRAINT fk_major_incident_ticket FOREIGN KEY (ticket_number) REFERENCES fd_ticket (ticket_number)
);
