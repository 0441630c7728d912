-- Who did what, when, from where and with what outcome. Append-only from the API; old entries go
-- per KINDLY_AUDIT_RETENTION_DAYS, and an erased debtor's record id is replaced by their anonymous id.
create table audit_entries (
  id bigserial primary key,
  at timestamptz not null default now(),
  user_name text,
  key_id text,
  key_name text,
  role text,
  action text not null,
  method text,
  route text,
  campaign_id text,
  record_id text,
  address text,
  status integer,
  outcome text not null check (outcome in ('done', 'refused', 'failed')),
  -- What else the action concerned that is not personal, e.g. the key and user a key change was about.
  detail text
);
create index audit_entries_at on audit_entries (at);
create index audit_entries_campaign on audit_entries (campaign_id, record_id);
-- The filters of GET /api/audit, each newest first.
create index audit_entries_user on audit_entries (user_name, id);
create index audit_entries_action on audit_entries (action, id);
create index audit_entries_campaign_id on audit_entries (campaign_id, id);
