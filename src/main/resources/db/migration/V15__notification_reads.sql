-- Which notifications a person has read (the portal's bell). A group's notification is read by each
-- member on their own, so the mark is per notification and person.
CREATE TABLE fd_notification_read (
    notification_id  BIGINT                    NOT NULL,
    user_id          VARCHAR(64)               NOT NULL,
    read_at          TIMESTAMP WITH TIME ZONE  NOT NULL,
    PRIMARY KEY (notification_id, user_id),
    FOREIGN KEY (notification_id) REFERENCES fd_notification (id) ON DELETE CASCADE
);
