-- The secret that notification mail's reply tokens are derived from (an HMAC of the ticket number
-- and the recipient). One row, written by the first node that needs it, so every node of a
-- cluster derives the same tokens and they survive restarts. Runs unchanged on H2 and PostgreSQL.
CREATE TABLE fd_mail_secret (
    name        VARCHAR(40)   NOT NULL PRIMARY KEY,
    secret      VARCHAR(128)  NOT NULL,
    created_at  TIMESTAMP     NOT NULL
);
