-- A render on open is claimed like an eager render: by its job (the same job handed out again after
-- its worker died claims it again at once), and kept alive by its progress; the sweeper frees one
-- silent for KINDLY_STALE_SECONDS. touched_at: when the running render last showed life, null when none runs.
alter table open_renders rename column started_at to touched_at;
alter table open_renders add column claimed_by text
