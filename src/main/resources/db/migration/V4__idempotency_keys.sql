-- Idempotent intake: a retried request with the same key by the same user finds the ticket
-- the first one made. Written in the same transaction as the ticket and its process.
CREATE TABLE fd_idempotency_key (
    user_id        VARCHAR(64)   NOT NULL,
    idem_key       VARCHAR(200)  NOT NULL,
    request_hash   VARCHAR(64)   NOT NULL,
    ticket_number  VARCHAR(20),
    created_at     TIMESTAMP     NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);
