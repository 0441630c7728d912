-- How a campaign's recipients watch: rendered (MP4), live (the player in the page) or both; null means the template's default.
alter table campaigns add column playback text check (playback in ('rendered', 'live', 'both'));
