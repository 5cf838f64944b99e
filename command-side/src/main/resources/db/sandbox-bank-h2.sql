CREATE TABLE IF NOT EXISTS sandbox_bank_payments (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  reference VARCHAR(255) NOT NULL,
  amount_cents BIGINT NOT NULL,
  currency VARCHAR(3) NOT NULL,
  description VARCHAR(1000),
  return_path VARCHAR(2000),
  locale VARCHAR(10),
  status VARCHAR(30) NOT NULL,
  refund_id VARCHAR(255),
  card_fingerprint VARCHAR(64),
  created_at_ms BIGINT NOT NULL,
  CONSTRAINT sandbox_bank_payments_reference_uk UNIQUE (reference)
);
CREATE TABLE IF NOT EXISTS sandbox_bank_webhooks (
  bank_event_id VARCHAR(64) NOT NULL PRIMARY KEY,
  payment_id VARCHAR(64) NOT NULL,
  body VARCHAR(4000) NOT NULL,
  created_at_ms BIGINT NOT NULL,
  lost BOOLEAN NOT NULL,
  delivered BOOLEAN NOT NULL,
  attempts INT NOT NULL,
  next_attempt_at_ms BIGINT
);
CREATE INDEX IF NOT EXISTS sandbox_bank_webhooks_pending_idx ON sandbox_bank_webhooks (delivered, created_at_ms);
ALTER TABLE sandbox_bank_payments ADD COLUMN IF NOT EXISTS refunded_cents BIGINT DEFAULT 0 NOT NULL;
CREATE TABLE IF NOT EXISTS sandbox_bank_refunds (
  refund_id VARCHAR(255) NOT NULL PRIMARY KEY,
  payment_id VARCHAR(64) NOT NULL,
  amount_cents BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS sandbox_bank_refunds_payment_idx ON sandbox_bank_refunds (payment_id);
