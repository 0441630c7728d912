-- A campaign may render a recipient only once their page is first opened: null means eager (every recipient before sending).
alter table campaigns add column render_mode text check (render_mode in ('eager', 'on-open'));

-- One row per opened recipient of an on-open campaign: asked for at the first counted view, once
-- (the primary key), claimed by the render that runs it, ready once their video is published.
create table open_renders (
  token text primary key,
  campaign_id text not null references campaigns (id) on delete cascade,
  requested_at timestamptz not null,
  started_at timestamptz,
  ready_at timestamptz,
  error text,
  attempts integer not null default 0
);
-- The sweeper and the progress read a campaign's rows not ready yet.
create index open_renders_waiting on open_renders (campaign_id) where ready_at is null;
-- A campaign's progress counts all its rows, ready ones included.
create index open_renders_campaign on open_renders (campaign_id, ready_at);
