-- Named users, one role each; every API key belongs to one.
create table users (
  id text primary key,
  name text not null unique,
  role text not null check (role in ('admin', 'operator', 'designer', 'analyst')),
  created_at timestamptz not null default now(),
  disabled_at timestamptz
);

alter table api_keys add column user_id text references users (id);
alter table api_keys add column last_used_at timestamptz;

-- The keys made before users existed keep working: each name becomes an admin user.
insert into users (id, name, role)
  select 'user_' || substr(md5(name), 1, 12), name, 'admin' from (select distinct name from api_keys) as names;
update api_keys set user_id = (select users.id from users where users.name = api_keys.name);
alter table api_keys alter column user_id set not null;
