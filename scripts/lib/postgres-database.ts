import crypto from 'node:crypto';
import pg from 'pg';

/** The shared server's maintenance database; CI can point elsewhere with KINDLY_TEST_POSTGRES_URL. */
const adminUrl = process.env.KINDLY_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** A fresh, empty database of the test's own on the shared PostgreSQL server, and a function that drops it. */
export async function makePostgresDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `kindly_test_${crypto.randomBytes(6).toString('hex')}`;
  await runAdmin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => runAdmin(`drop database if exists ${name} with (force)`) };
}

async function runAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
