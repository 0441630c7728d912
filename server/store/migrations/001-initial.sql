create table campaigns (
  id text primary key,
  template_id text not null,
  template_version text not null,
  pay_url text not null,
  base_url text not null,
  status text not null default 'ingesting' check (status in ('ingesting', 'rendering', 'done')),
  read_count integer not null default 0,
  accepted_count integer not null default 0,
  rejected_count integer not null default 0,
  created_at timestamptz not null default now()
);

create table recipients (
  campaign_id text not null references campaigns (id) on delete cascade,
  record_id text not null,
  row_number integer not null,
  token text not null unique,
  pay_ref text not null unique,
  locale text not null,
  data jsonb,
  status text not null check (status in ('queued', 'rendering', 'published', 'failed')),
  error text,
  attempts integer not null default 0,
  url text,
  opted_out_at timestamptz,
  updated_at timestamptz not null default now(),
  primary key (campaign_id, record_id)
);
create index recipients_status on recipients (campaign_id, status);

create table rejects (
  campaign_id text not null references campaigns (id) on delete cascade,
  row_number integer not null,
  field text not null,
  value text not null,
  reason text not null
);
create index rejects_campaign on rejects (campaign_id, row_number);

create table events (
  id bigserial primary key,
  campaign_id text not null references campaigns (id) on delete cascade,
  record_id text not null,
  type text not null,
  created_at timestamptz not null default now()
);
create index events_campaign on events (campaign_id, type);
