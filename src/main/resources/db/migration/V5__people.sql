-- FlowDesk's people directory: each user's department and manager (who approves their requests).
-- Users themselves live in Camunda's identity service.
CREATE TABLE fd_person (
    user_id     VARCHAR(64)   NOT NULL PRIMARY KEY,
    department  VARCHAR(100),
    manager_id  VARCHAR(64)
);
CREATE INDEX fd_person_manager ON fd_person (manager_id);
