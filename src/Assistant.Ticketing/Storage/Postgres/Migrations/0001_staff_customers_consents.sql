-- Staff accounts, customers on file and consent answers (the stores of Assistant.Ticketing that have an interface).

CREATE TABLE staff (
    id            text PRIMARY KEY,
    email         text NOT NULL CONSTRAINT staff_email_key UNIQUE,
    display_name  text NOT NULL,
    role          text NOT NULL,
    operator_ids  text[] NOT NULL,
    disabled      boolean NOT NULL,
    password_hash text NOT NULL,
    created_at    timestamptz NOT NULL
);

CREATE TABLE customers (
    operator_id     text NOT NULL,
    customer_number text NOT NULL,
    name            text NOT NULL,
    email           text NOT NULL,
    contract_tier   text NOT NULL,
    active          boolean NOT NULL,
    PRIMARY KEY (operator_id, customer_number)
);

-- One row per answer, kept as evidence; the latest answer is the highest id for (user, operator, version).
CREATE TABLE consents (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    operator_id text NOT NULL,
    user_id     text NOT NULL,
    cgu_version text NOT NULL,
    accepted    boolean NOT NULL,
    at          timestamptz NOT NULL
);

CREATE INDEX consents_latest ON consents (user_id, operator_id, cgu_version, id DESC);
