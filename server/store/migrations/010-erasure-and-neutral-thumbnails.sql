-- The segment cache keys a recipient's render used, so erasure can remove their personal segments and sounds.
create table recipient_segments (
  token text not null,
  key text not null,
  personal boolean not null,
  primary key (token, key)
);
create index recipient_segments_key on recipient_segments (key);

-- E-mail thumbnails that show nothing personal: one per campaign, locale and tone, published as a shared asset.
create table neutral_thumbnails (
  campaign_id text not null references campaigns (id) on delete cascade,
  locale text not null,
  tone text not null,
  path text not null,
  primary key (campaign_id, locale, tone)
);

-- A campaign without a privacy gate may still ask for neutral e-mail thumbnails (with a gate they always are).
alter table campaigns add column neutral_thumbnail boolean not null default false;
