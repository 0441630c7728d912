alter table campaigns drop constraint campaigns_status_check;
alter table campaigns add constraint campaigns_status_check
  check (status in ('draft', 'ingesting', 'ready', 'rendering', 'paused', 'cancelled', 'done', 'unpublished'));
alter table campaigns alter column status set default 'draft';
alter table campaigns add column default_locale text;
alter table campaigns add column plan_rules jsonb not null default '{}'::jsonb;
alter table campaigns add column starts_at date;
alter table campaigns add column ends_at date;
alter table campaigns add column run integer not null default 0;
-- Where the pages send events and clicks: the API, when the pages are on a CDN elsewhere.
alter table campaigns add column track_url text;

alter table recipients add column claimed_by text;
-- Upload order: row numbers restart with every file uploaded to a campaign.
alter table recipients add column seq bigserial;
create index recipients_seq on recipients (campaign_id, status, seq);
alter table recipients add column erased_at timestamptz;
alter table recipients add column retryable boolean not null default true;

-- Rejects in the order they were stored (row numbers restart with every upload).
alter table rejects add column id bigserial;
create index rejects_order on rejects (campaign_id, id);

create table api_keys (
  id text primary key,
  name text not null,
  hash text not null unique,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
