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
  -- The policy the window runs with (src/policy.ts): the complete policy as JSON, which
  -- definePolicy takes back as is, and the SHA-256 of its canonical text. A window is
  -- resumed or re-run only under the same policy.
  policy_hash  text NOT NULL,
  policy       jsonb NOT NULL,
  UNIQUE (from_at, to_at, shard_index, shard_count),
  CHECK (from_at < to_at),
  CHECK (0 <= shard_index AND shard_index < shard_count)
);

-- The reminders to send. A sender reads it (sending is not the job's business); the
-- primary key on `key` (subscription id, channel, date) makes every insert idempotent.
-- Databases made by an earlier release: the windows they ran used the default policy.
-- `billing-job init` fills these columns for them and then makes them NOT NULL.
ALTER TABLE billing_windows ADD COLUMN IF NOT EXISTS policy_hash text;
ALTER TABLE billing_windows ADD COLUMN IF NOT EXISTS policy jsonb;

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

-- The sender's bookkeeping (src/send.ts), added to an outbox that may already hold rows.
-- A row is due when send_at and next_attempt_at have passed, it is not sent, failed or
-- skipped, and no live sender holds its claim (claimed_until in the past or null).
ALTER TABLE reminder_outbox ADD COLUMN IF NOT EXISTS attempts        integer NOT NULL DEFAULT 0;
ALTER TABLE reminder_outbox ADD COLUMN IF NOT EXISTS next_attempt_at timestamptz;
ALTER TABLE reminder_outbox ADD COLUMN IF NOT EXISTS last_error      text;
ALTER TABLE reminder_outbox ADD COLUMN IF NOT EXISTS claimed_until   timestamptz;
ALTER TABLE reminder_outbox ADD COLUMN IF NOT EXISTS failed_at       timestamptz;
ALTER TABLE reminder_outbox ADD COLUMN IF NOT EXISTS skipped_at      timestamptz;
ALTER TABLE reminder_outbox ADD COLUMN IF NOT EXISTS skip_reason     text;
-- What a sender claims next: the open rows in order of when they may go.
CREATE INDEX IF NOT EXISTS reminder_outbox_open ON reminder_outbox ((coalesce(next_attempt_at, send_at)))
  WHERE sent_at IS NULL AND failed_at IS NULL AND skipped_at IS NULL;

-- What an expired customer would pay to come back, quoted at the end of each window
-- ("today"), for the subscriptions that owe a reactivation or recovery fee. `fee` and
-- `total` are unbounded numeric: an invoice may be just under the library's ceiling
-- (10^12 major units), and its total with the fee is above it.
CREATE TABLE IF NOT EXISTS fee_quotes (
  subscription_id  text NOT NULL,
  quoted_at        timestamptz NOT NULL,
  kind             text NOT NULL,
  days_past_expiry integer NOT NULL,
  fee              numeric NOT NULL,
  total            numeric NOT NULL,
  currency         text NOT NULL,
  PRIMARY KEY (subscription_id, quoted_at)
);
ALTER TABLE fee_quotes ALTER COLUMN fee TYPE numeric, ALTER COLUMN total TYPE numeric;

-- Subscriptions refused (by the library, an ExpiryInputError, or by the job when a value
-- cannot be read), so one bad row neither stops the night nor disappears: fix the row,
-- then `billing-job retry-rejected` (or run the window again). The id is stored whole,
-- but keyed by its MD5 (`subscription_key`): a B-tree entry cannot hold an id of a few
-- thousand characters, and recording a refusal must never fail.
CREATE TABLE IF NOT EXISTS rejected_subscriptions (
  window_id        bigint NOT NULL REFERENCES billing_windows (id),
  subscription_id  text NOT NULL,
  subscription_key text GENERATED ALWAYS AS (md5(subscription_id)) STORED,
  code             text NOT NULL,
  path             text NOT NULL,
  message          text NOT NULL,
  PRIMARY KEY (window_id, subscription_key)
);
-- Databases made by an earlier release keyed it by the id itself.
ALTER TABLE rejected_subscriptions ADD COLUMN IF NOT EXISTS subscription_key text GENERATED ALWAYS AS (md5(subscription_id)) STORED;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
              WHERE c.conrelid = 'rejected_subscriptions'::regclass AND c.contype = 'p' AND a.attname = 'subscription_id') THEN
    ALTER TABLE rejected_subscriptions DROP CONSTRAINT rejected_subscriptions_pkey;
    ALTER TABLE rejected_subscriptions ADD PRIMARY KEY (window_id, subscription_key);
  END IF;
END $$;
