-- The mail outbox and the address book (opt-outs and refused addresses, kept as SHA-256 hashes of the address).

CREATE TABLE mail_outbox (
    id               text PRIMARY KEY,
    operator_id      text NOT NULL,
    kind             text NOT NULL,
    ticket_reference text,
    conversation_id  text NOT NULL,
    user_id          text NOT NULL,
    to_address       text NOT NULL,
    template         text NOT NULL,
    language         text NOT NULL,
    template_values  jsonb NOT NULL,
    state            text NOT NULL,
    attempts         integer NOT NULL,
    created_at       timestamptz NOT NULL,
    next_attempt_at  timestamptz NOT NULL,
    sending_since    timestamptz,
    sent_at          timestamptz,
    last_error       text
);

CREATE INDEX mail_outbox_due ON mail_outbox (state, next_attempt_at);
CREATE INDEX mail_outbox_user ON mail_outbox (user_id);
CREATE INDEX mail_outbox_created ON mail_outbox (created_at DESC);

CREATE TABLE mail_opt_outs (
    operator_id text NOT NULL,
    address_key text NOT NULL,
    user_id     text,
    source      text NOT NULL,
    at          timestamptz NOT NULL,
    PRIMARY KEY (operator_id, address_key)
);

CREATE INDEX mail_opt_outs_user ON mail_opt_outs (user_id);

CREATE TABLE mail_refused (
    operator_id      text NOT NULL,
    address_key      text NOT NULL,
    user_id          text,
    ticket_reference text,
    reason           text NOT NULL,
    at               timestamptz NOT NULL,
    asked_at         timestamptz,
    PRIMARY KEY (operator_id, address_key)
);

CREATE INDEX mail_refused_user ON mail_refused (user_id, operator_id);
