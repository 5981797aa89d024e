-- The billing job's schema as the first release shipped it (before windows recorded their policy), kept to test
-- that `billing-job init` upgrades such a database. Not for use.
-- The billing job's schema (examples/billing-job): run once, or again, on any database;
-- every statement is idempotent.

-- What the job reads. Your own table will look different: the job's one SELECT is in
-- src/store.ts. Money is numeric (read as an exact string), dates are dates.
CREATE TABLE IF NOT EXISTS subscriptions (
  id                  text PRIMARY KEY,
  expiration_date     date NOT NULL,
  extension_ends_on   date,
  invoice_amount      numeric(14, 2),
  recipient_time_zone text,
  -- A stable hash of the id (the first 31 bits of its MD5), the same on every server and
  -- in every release: --shard i/N takes the hashes from floor(i * 2^31 / N) up to, not
  -- including, floor((i + 1) * 2^31 / N).
  shard_hash          bigint GENERATED ALWAYS AS (('x' || substr(md5(id), 1, 8))::bit(32)::bigint & 2147483647) STORED
);

-- One row per window [from_at, to_at) and shard: the job's bookkeeping. A window is
-- identified by its bounds and shard, so a re-run of the same window finds the same row.
-- `after_id` is the keyset cursor: every subscription of the shard with id <= after_id
-- has been processed, and its reminders are in the outbox (same transaction).
CREATE TABLE IF NOT EXISTS billing_windows (
  id           bigserial PRIMARY KEY,
  from_at      timestamptz NOT NULL,
  to_at        timestamptz NOT NULL,
  shard_index  integer NOT NULL,
  shard_count  integer NOT NULL,
  after_id     text,
  pages        integer NOT NULL DEFAULT 0,
  started_at   timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  UNIQUE (from_at, to_at, shard_index, shard_count),
  CHECK (from_at < to_at),
  CHECK (0 <= shard_index AND shard_index < shard_count)
);

-- The reminders to send. A sender reads it (sending is not the job's business); the
-- primary key on `key` (subscription id, channel, date) makes every insert idempotent.
CREATE TABLE IF NOT EXISTS reminder_outbox (
  key                text PRIMARY KEY,
  subscription_id    text NOT NULL,
  channel            text NOT NULL,
  cadence            text NOT NULL,
  reminder_date      date NOT NULL,
  send_at            timestamptz NOT NULL,
  days_before_expiry integer NOT NULL,
  window_id          bigint NOT NULL REFERENCES billing_windows (id),
  recorded_at        timestamptz NOT NULL DEFAULT now(),
  sent_at            timestamptz
);
CREATE INDEX IF NOT EXISTS reminder_outbox_unsent ON reminder_outbox (send_at) WHERE sent_at IS NULL;

-- What an expired customer would pay to come back, quoted at the end of each window
-- ("today"), for the subscriptions that owe a reactivation or recovery fee.
CREATE TABLE IF NOT EXISTS fee_quotes (
  subscription_id  text NOT NULL,
  quoted_at        timestamptz NOT NULL,
  kind             text NOT NULL,
  days_past_expiry integer NOT NULL,
  fee              numeric(14, 2) NOT NULL,
  total            numeric(14, 2) NOT NULL,
  currency         text NOT NULL,
  PRIMARY KEY (subscription_id, quoted_at)
);

-- Subscriptions the library refused (ExpiryInputError), so one bad row neither stops the
-- night nor disappears: fix the row, then run the window again.
CREATE TABLE IF NOT EXISTS rejected_subscriptions (
  window_id       bigint NOT NULL REFERENCES billing_windows (id),
  subscription_id text NOT NULL,
  code            text NOT NULL,
  path            text NOT NULL,
  message         text NOT NULL,
  PRIMARY KEY (window_id, subscription_id)
);
