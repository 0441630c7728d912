-- An operator finds one debtor by record id across every campaign, and reads their responses:
-- without these indexes that search reads the whole recipients table (its key starts with the
-- campaign), and a detail scans the campaign's responses.
create index recipients_record_id on recipients (record_id);
-- One debtor's responses, read with their detail.
create index responses_recipient on responses (campaign_id, record_id, id);
