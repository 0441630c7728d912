import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStoreServer } from '../server/cli/find-store-server.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { readProcessStat } from '../server/store/read-store-lock.ts';
import { exists, readJson } from './helpers/file-checks.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

// The embedded store's lock within one process: a second open, a stale lock, a serving holder's key.
let temp: Awaited<ReturnType<typeof makeTempDir>>;

beforeAll(async () => {
  temp = await makeTempDir('store-lock-one-process');
});

afterAll(async () => {
  await temp?.remove();
});

describe('in one process', { timeout: 120_000 }, () => {
  it('a second open of a held store is refused; a lock whose pid now runs another program is taken over', async () => {
    const solo = path.join(temp.dir, 'solo');
    const warnings: string[] = [];
    const warn = (line: string) => warnings.push(line);
    const db = await openEmbeddedStore({ dataDir: solo, warn });
    await expect(openEmbeddedStore({ dataDir: solo, warn })).rejects.toThrow(
      `The embedded store is in use: pid ${process.pid} (kindly`,
    );
    await db.close();
    expect(await exists(path.join(solo, 'store.lock'))).toBe(false);
    // This very pid, but started at another time: the program that wrote the lock is gone, its pid reused.
    const stale = {
      pid: process.pid,
      command: 'kindly demo',
      startedAt: '2026-01-01T00:00:00.000Z',
      processStart: '1',
    };
    await fs.writeFile(path.join(solo, 'store.lock'), JSON.stringify(stale));
    const again = await openEmbeddedStore({ dataDir: solo, warn });
    expect(warnings).toEqual([
      `kindly: taking over the embedded store from pid ${process.pid} (kindly demo, since 2026-01-01T00:00:00.000Z), which is no longer running`,
    ]);
    expect((await readJson(path.join(solo, 'store.lock'))).processStart).not.toBe('1');
    await again.close();
  });

  it("a serving holder's key is used only when nobody else can read it, else KINDLY_API_KEY, else a clear refusal", async () => {
    const shared = path.join(temp.dir, 'shared');
    await fs.mkdir(shared, { recursive: true });
    const lock = {
      pid: process.pid,
      command: 'kindly serve',
      startedAt: new Date().toISOString(),
      processStart: readProcessStat({ pid: process.pid })?.start,
      apiUrl: 'http://127.0.0.1:9',
    };
    await fs.writeFile(path.join(shared, 'store.lock'), JSON.stringify(lock));
    await fs.writeFile(path.join(shared, 'store.key'), 'key-from-the-server\n', { mode: 0o644 });
    const config = { databaseUrl: undefined, dataDir: shared };
    await expect(findStoreServer({ config: { ...config, apiKey: undefined } })).rejects.toThrow(
      `The embedded store is held by pid ${process.pid} (kindly serve), which serves at http://127.0.0.1:9, and there is no key to reach its API (got "${shared}"). Run this as the user who started it, or set KINDLY_API_KEY`,
    );
    expect(await findStoreServer({ config: { ...config, apiKey: 'key-from-the-environment' } })).toEqual({
      apiUrl: 'http://127.0.0.1:9',
      key: 'key-from-the-environment',
      pid: process.pid,
      command: 'kindly serve',
    });
    await fs.chmod(path.join(shared, 'store.key'), 0o600);
    expect((await findStoreServer({ config: { ...config, apiKey: 'key-from-the-environment' } }))?.key).toBe(
      'key-from-the-server',
    );
    expect(
      await findStoreServer({
        config: { ...config, apiKey: undefined, databaseUrl: 'postgres://kindly@127.0.0.1/kindly' },
      }),
    ).toBeUndefined();
  });
});
