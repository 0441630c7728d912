-- Whether an operator has dealt with what a debtor sent: open or handled, by whom and when.
-- handled_by is the name the operator gave (may be null); handled_key is the admin key used
-- (its name and id, or 'env key' for the server's KINDLY_API_KEY).
alter table responses add column status text not null default 'open' check (status in ('open', 'handled'));
alter table responses add column handled_by text;
alter table responses add column handled_key text;
alter table responses add column handled_at timestamptz;
create index responses_campaign_status on responses (campaign_id, status, id);
-- "Already paid" claims and disputes hold a recipient's reminders (links.csv, delivery kit) until
-- an operator releases the hold (who, as above, and when); handling one does not release it.
alter table responses add column hold_released_by text;
alter table responses add column hold_released_key text;
alter table responses add column hold_released_at timestamptz;
create index responses_holds on responses (campaign_id, record_id) where kind in ('paid', 'dispute') and hold_released_at is null;
