-- What fulfilled requests cost, against their service and line of business (for the measures).
CREATE TABLE fd_cost_record (
    ticket_number     VARCHAR(20)    NOT NULL PRIMARY KEY,
    service           VARCHAR(64)    NOT NULL,
    line_of_business  VARCHAR(64)    NOT NULL,
    item_id           VARCHAR(64)    NOT NULL,
    price             DECIMAL(12, 2) NOT NULL,
    recorded_at       TIMESTAMP      NOT NULL
);
CREATE INDEX fd_cost_record_service ON fd_cost_record (service, recorded_at);
CREATE INDEX fd_cost_record_lob ON fd_cost_record (line_of_business, recorded_at);
