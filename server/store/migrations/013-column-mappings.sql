-- The column mapping of the last accepted upload that carried one, per template: the console
-- offers it again for the next file of the same template.
create table column_mappings (
  template_id text primary key,
  mapping jsonb not null,
  saved_at timestamptz not null default now()
);
