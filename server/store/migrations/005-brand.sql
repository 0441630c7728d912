-- A campaign's brand kit (logo as a data URL, colours, font, sender name, pay provider label) and the tone its copy speaks in.
alter table campaigns add column brand jsonb;
alter table campaigns add column tone text;
