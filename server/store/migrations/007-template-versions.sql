-- Copy edits saved from the template studio: a template version is the template's code version
-- plus per-locale copy overrides. Campaigns name the version they render with (campaigns.template_version).
create table template_versions (
  id text primary key,
  template_id text not null,
  seq integer not null,
  label text not null,
  copy jsonb not null,
  note text not null default '',
  created_at timestamptz not null default now(),
  unique (template_id, seq),
  unique (template_id, label)
);
