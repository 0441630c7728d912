-- An operator finds one debtor by record id across every campaign: without this index that
-- search reads the whole recipients table (its key starts with the campaign).
create index recipients_record_id on recipients (record_id);
