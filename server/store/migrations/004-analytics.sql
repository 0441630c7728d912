-- Events: who (a daily-rotating salted hash, never an address), what else the page said, and
-- why an event does not count (a scanner, a HEAD request, a click too soon after delivery).
alter table events add column visitor text;
alter table events add column detail jsonb;
alter table events add column flagged text;
create index events_record on events (campaign_id, record_id);

-- A/B variants: which template each recipient got (deterministic by recipient).
alter table campaigns add column variants jsonb;
-- Personal event data is deleted this many days after the campaign was created; aggregates stay.
alter table campaigns add column retention_days integer not null default 180;
alter table campaigns add column webhook_secret text;
alter table campaigns add column expired_at timestamptz;
alter table campaigns add column aggregates jsonb;
alter table recipients add column variant text;
-- When the sender delivered the message (reported by the operator, or the links export time).
alter table recipients add column delivered_at timestamptz;

create table payments (
  campaign_id text not null references campaigns (id) on delete cascade,
  payment_id text not null,
  record_id text not null,
  amount numeric(14, 2) not null,
  currency text,
  paid_at timestamptz not null,
  source text not null check (source in ('webhook', 'import')),
  created_at timestamptz not null default now(),
  primary key (campaign_id, payment_id)
);
create index payments_record on payments (campaign_id, record_id);

-- One random salt per day for visitor hashes; old ones are deleted, so old hashes cannot be recomputed.
create table visitor_salts (
  day date primary key,
  salt text not null
);
