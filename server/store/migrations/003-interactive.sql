-- Privacy gate per campaign: which record field a visitor confirms before personal data shows (null: no gate).
alter table campaigns add column privacy_gate jsonb;

-- What debtors send from their page: "I already paid", disputes, call-back requests, survey answers.
create table responses (
  id bigserial primary key,
  campaign_id text not null references campaigns (id) on delete cascade,
  record_id text not null,
  kind text not null check (kind in ('paid', 'dispute', 'callback', 'survey')),
  data jsonb not null,
  created_at timestamptz not null default now()
);
create index responses_campaign on responses (campaign_id, id);

-- The server's half of a gated page's key: given out only after a right answer.
create table gate_shares (
  token text primary key,
  share text not null,
  created_at timestamptz not null default now()
);

-- Answers tried at a gate, right or wrong, for the per-link rate limit.
create table gate_attempts (
  id bigserial primary key,
  token text not null,
  passed boolean not null,
  created_at timestamptz not null default now()
);
create index gate_attempts_token on gate_attempts (token, created_at);
