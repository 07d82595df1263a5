-- Service requests: tickets numbered REQ-000001, for an item of the catalog at its price.
CREATE SEQUENCE fd_request_number START WITH 1 INCREMENT BY 1;
ALTER TABLE fd_ticket ADD COLUMN item_id VARCHAR(64);
ALTER TABLE fd_ticket ADD COLUMN price DECIMAL(12, 2);
