-- How a campaign's videos are delivered: mp4 (one file per recipient) or hls (a playlist of shared segments and the recipient's own); null means mp4.
alter table campaigns add column video_delivery text check (video_delivery in ('mp4', 'hls'));
