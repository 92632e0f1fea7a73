-- The ASP.NET Data Protection key ring, shared by every instance so that each reads the others' cookies.
-- Keys are never deleted: a revoked or expired key still has to read what it protected.

CREATE TABLE data_protection_keys (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    friendly_name text NOT NULL,
    xml           text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
